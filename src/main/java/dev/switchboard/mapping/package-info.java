/**
 * Field mapping: the {@code @path}, {@code @template}, {@code @literal}, {@code @if} and {@code @arrayPath}
 * directives of the rule format, and the Novu requests that a rule's actions turn into for one message.
 *
 * <p>Entry point: {@link dev.switchboard.mapping.ActionCompiler} compiles a rule's {@code actions} once into
 * {@link dev.switchboard.mapping.CompiledAction}s, which render a message into an
 * {@link dev.switchboard.mapping.ActionOutcome}. Choices the rule format leaves open:
 *
 * <ul>
 *   <li><b>Absent</b> (a path that selects nothing, an {@code @if} without {@code else}): the field is left
 *       out; an array element that is absent is dropped rather than kept as a hole or a null.
 *   <li><b>JSON null</b> from the message: kept inside free-form objects ({@code payload}, {@code data},
 *       {@code overrides}); left out for subscriber profile fields and the action's own optional fields, since
 *       Novu upserts subscribers and a null would erase a stored trait the event merely lacked. For a required
 *       field it makes the action invalid. {@code @if} treats null as not existing.
 *   <li><b>Paths</b>: a definite path gives its value; a wildcard gives the array of what it selects, absent
 *       when it selects nothing. Inside an {@code @arrayPath} shape every directive, templates included, reads
 *       the element ({@code $} is the element).
 *   <li><b>Types</b>: ids ({@code workflowId}, {@code subscriberId}, {@code topicKey}, {@code transactionId})
 *       take strings or numbers ({@code 42}, never {@code 42.0}); profile fields take strings or numbers. A
 *       literal of the wrong type is a compile problem; a mapped value of the wrong type, even for an optional
 *       field, makes the action invalid rather than letting Novu reject it later.
 *   <li><b>Ids</b>: an unmapped {@code transactionId} is {@code sb-} plus 32 hex characters of
 *       SHA-256({@code messageId \n ruleKey \n actionIndex}); the Idempotency-Key is {@code sb-<type>-} plus 32 hex
 *       characters of the same input with {@code \n type} appended. A message without {@code messageId}
 *       makes every Novu call invalid, as nothing repeat-safe could be derived.
 *   <li><b>Bodies</b> are written once, compact, in a fixed field order (for a trigger: name, to, payload,
 *       overrides, actor, tenant, transactionId), so each attempt sends the same bytes.
 *   <li>An object key that starts with {@code @} is a directive; a literal key like that needs {@code @literal}.
 * </ul>
 */
@NullMarked
@ApplicationModule(allowedDependencies = "message")
package dev.switchboard.mapping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
