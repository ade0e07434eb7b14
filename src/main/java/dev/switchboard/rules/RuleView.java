package dev.switchboard.rules;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A rule as the API and the pages show it: its published definition (canonical rule JSON) and, when someone
 * is editing it, the draft that is not live yet.
 *
 * @param publishedVersion null while the rule has never been published
 * @param draft the saved draft when it differs from the published definition, else null
 */
public record RuleView(
        String key,
        String name,
        RuleStatus status,
        @Nullable Integer publishedVersion,
        @Nullable JsonNode published,
        @Nullable JsonNode draft,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    /** What an editor works on: the draft if there is one, else the published definition. */
    public JsonNode current() {
        return draft != null ? draft : published;
    }
}
