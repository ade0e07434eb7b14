package dev.switchboard.mapping;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code cancel}, in one of two forms: {@code transactionId} cancels that transaction at Novu
 * ({@code DELETE /v1/events/trigger/{transactionId}}); {@code rule} with {@code within} asks Switchboard to
 * cancel what that rule delivered to the same userId within the window ({@link ActionOutcome.CancelByRule}).
 */
final class CancelAction extends MappedAction {

    static final List<String> FIELDS = List.of("type", "transactionId", "rule", "within", "delay");

    /** The rule key format of the rule format; a cancel naming anything else could never match. */
    private static final Pattern RULE_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final @Nullable MappedValue transactionId;
    private final @Nullable String rule;
    private final @Nullable DurationField within;

    private CancelAction(ActionFields fields, JsonNode definition) {
        super(fields, definition);
        boolean byTransaction = fields.has("transactionId");
        boolean byRule = fields.has("rule") || fields.has("within");
        if (byTransaction && byRule) {
            fields.problems()
                    .add(new MappingProblem(
                            fields.location(), "cancel takes either transactionId, or rule with within, not both"));
        } else if (!byTransaction && !byRule) {
            fields.problems()
                    .add(new MappingProblem(fields.location(), "cancel needs transactionId, or rule with within"));
        }
        this.transactionId = byTransaction ? fields.requiredId("transactionId") : null;
        this.rule = byRule ? ruleKey(fields) : null;
        this.within = byRule ? within(fields) : null;
    }

    static CancelAction compile(ActionFields fields, JsonNode definition) {
        fields.allowOnly(FIELDS, "cancel");
        return new CancelAction(fields, definition);
    }

    private static @Nullable String ruleKey(ActionFields fields) {
        JsonNode rule = fields.raw("rule");
        if (rule == null) {
            fields.problem("rule", "is required with within");
            return null;
        }
        if (!rule.isString() || !RULE_KEY.matcher(rule.stringValue()).matches()) {
            fields.problem("rule", "must be a rule key written as is, such as \"abandoned-cart-recovery\"");
            return null;
        }
        return rule.stringValue();
    }

    private static @Nullable DurationField within(ActionFields fields) {
        if (!fields.has("within")) {
            fields.problem("within", "is required with rule");
            return null;
        }
        return fields.optionalDuration("within");
    }

    @Override
    ActionOutcome render(FieldReader reader, ActionContext context) {
        if (transactionId != null) {
            String id = reader.requiredId(transactionId, "transactionId");
            return call(reader, context, "DELETE", "/v1/events/trigger/" + pathSegment(id), null, id);
        }
        return new ActionOutcome.CancelByRule(rule, within.require(reader, "within"), reader.userId(), delay(reader));
    }
}
