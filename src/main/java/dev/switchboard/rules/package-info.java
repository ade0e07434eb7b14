/**
 * Routing rules: the rule format (parse, validate, export), compiling a rule version once, and evaluating a
 * snapshot of compiled rules against a Segment message with an optional explanation for the audit log.
 *
 * <p>Other modules use the root types only: {@link dev.switchboard.rules.RuleFormat}, {@link
 * dev.switchboard.rules.RuleCompiler}, {@link dev.switchboard.rules.RuleSnapshot} and the records they return.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "mapping", "web", "settings"})
package dev.switchboard.rules;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
