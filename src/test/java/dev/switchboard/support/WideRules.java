package dev.switchboard.support;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

/**
 * Published rules whose explanations are large: each checks the 30 KB {@code note} of a message of its own event
 * name and does not match it, so each explanation repeats the note, and {@link #COUNT} of them together do not fit
 * {@code event_message.unmatched_decisions} (1,000,000 characters).
 */
public final class WideRules {

    public static final int COUNT = 35;
    public static final String NOTE = "n".repeat(30_000);

    /** Keys end with it, and the event name and messageId carry it. */
    public final String run = UUID.randomUUID().toString().substring(0, 8);

    private final String keyPrefix;

    public WideRules(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public void publish(IntakeClient client) {
        for (int i = 0; i < COUNT; i++) {
            String rule = """
                    {"key": "%s-%d-%s", "name": "Wide %d", "enabled": true,
                     "when": {"type": ["track"], "event": ["Wide %s"],
                              "all": [{"path": "$.properties.note", "op": "equals", "value": "short"}]},
                     "actions": [{"type": "trigger", "workflowId": "wide",
                                  "to": {"subscriberId": {"@path": "$.userId"}}}]}
                    """.formatted(keyPrefix, i, run, i, run);
            var published = client.request("POST", "/api/rules?publish=true", rule, "Authorization", adminHeader());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        }
    }

    public String messageId() {
        return "wide-" + run;
    }

    /** A track message the rules consider, with the note and the given context ({@code {}} for none). */
    public String message(String context) {
        return "{\"userId\":\"w-" + run + "\",\"event\":\"Wide " + run + "\",\"messageId\":\"" + messageId()
                + "\",\"context\":" + context + ",\"properties\":{\"note\":\"" + NOTE + "\"}}";
    }
}
