/**
 * Field mapping: the {@code @path}, {@code @template}, {@code @literal}, {@code @if} and {@code @arrayPath}
 * directives of the rule format, and the Novu requests that a rule's actions turn into for one message.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "message")
package dev.switchboard.mapping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
