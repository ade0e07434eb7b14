/** Reading rule JSON into a {@code RuleDefinition} with every problem located, and writing it back canonically. */
@NullMarked
package dev.switchboard.rules.format;

import org.jspecify.annotations.NullMarked;
