package dev.switchboard.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One entry of {@code all}/{@code any}: a test on a path, or a group nested to any depth. */
public sealed interface Condition {

    /**
     * {@code { "path", "op", "value", "ignoreCase" }}. {@code value} is {@code null} when the rule gives none
     * (exists and friends); a JSON {@code null} value is a {@code NullNode}.
     */
    record Test(String path, Operator op, @Nullable JsonNode value, boolean ignoreCase) implements Condition {
        public Test {
            value = value == null ? null : value.deepCopy();
        }

        @Override
        public @Nullable JsonNode value() {
            return value == null ? null : value.deepCopy();
        }
    }

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    record Not(Condition condition) implements Condition {}
}
