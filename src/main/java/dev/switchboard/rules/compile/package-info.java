/**
 * Compiling a rule's {@code when} once per rule version (paths, regular expressions, globs, operators with their
 * value types) and running it per message without compiling anything.
 */
@NullMarked
package dev.switchboard.rules.compile;

import org.jspecify.annotations.NullMarked;
