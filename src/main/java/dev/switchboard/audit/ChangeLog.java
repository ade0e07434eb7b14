package dev.switchboard.audit;

import dev.switchboard.message.Ids;
import dev.switchboard.rules.RuleChanged;
import dev.switchboard.settings.SettingChanged;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration audit: who changed which rule, setting or account, or purged whose data, when, and the
 * diff. Rule versions come from the rule history ({@code rule_version}, each version against the one before);
 * rule drafts and deletions arrive as {@link RuleChanged}; settings and accounts are recorded by whoever changes
 * them ({@link #record}).
 */
@Service
public class ChangeLog {

    /** One change; {@code diff} lists what changed, each {@code {path, before, after}}. */
    public record Change(
            Instant at,
            String by,
            String kind,
            String subject,
            String action,
            @Nullable JsonNode diff) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ChangeLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a change of a setting ({@code kind} {@code setting}) or account ({@code user}), with the state
     * before and after (any JSON-serializable values; leave secrets out) from which the diff is computed.
     */
    public void record(
            String by, String kind, String subject, String action, @Nullable Object before, @Nullable Object after) {
        JsonNode diff = JsonDiff.diff(json.valueToTree(before), json.valueToTree(after));
        insert(by, kind, subject, action, json.writeValueAsString(diff));
    }

    /** Rule drafts and deletions, recorded in the transaction that makes them (versions have their own history). */
    @EventListener
    void onRuleChanged(RuleChanged change) {
        JsonNode before = change.before() == null ? json.nullNode() : json.readTree(change.before());
        JsonNode after = change.after() == null ? json.nullNode() : json.readTree(change.after());
        insert(
                change.user(),
                "rule",
                change.key(),
                change.action(),
                json.writeValueAsString(JsonDiff.diff(before, after)));
    }

    /**
     * Runtime settings overridden or reset, recorded in the transaction that makes the change; secret values
     * arrive masked.
     */
    @EventListener
    void onSettingChanged(SettingChanged change) {
        Map<String, @Nullable String> before = new LinkedHashMap<>();
        before.put("value", change.before());
        Map<String, @Nullable String> after = new LinkedHashMap<>();
        after.put("value", change.after());
        record(change.user(), "setting", change.setting().key(), change.action(), before, after);
    }

    void insert(String by, String kind, String subject, String action, @Nullable String diff) {
        jdbc.sql("insert into config_change (id, changed_at, changed_by, kind, subject, action, diff)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        Ids.newId(),
                        clock.instant().atOffset(ZoneOffset.UTC),
                        truncate(by, 100),
                        kind,
                        truncate(subject, 1024),
                        action,
                        diff)
                .update();
    }

    /** Newest first, at most {@code limit}, optionally one kind ({@code rule}, {@code user}, ...) and a range. */
    public List<Change> find(@Nullable String kind, @Nullable Instant from, @Nullable Instant to, int limit) {
        List<Change> changes = new ArrayList<>();
        if (kind == null || kind.equals("rule")) {
            changes.addAll(ruleChanges(from, to, limit));
        }
        {
            StringBuilder sql = new StringBuilder(
                    "select changed_at, changed_by, kind, subject, action, diff from config_change where 1 = 1");
            List<Object> params = new ArrayList<>();
            if (kind != null) {
                sql.append(" and kind = ?");
                params.add(kind);
            }
            range(sql, params, "changed_at", from, to);
            sql.append(" order by changed_at desc fetch first ").append(limit).append(" rows only");
            changes.addAll(jdbc.sql(sql.toString())
                    .params(params)
                    .query((rs, row) -> new Change(
                            rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                            rs.getString("changed_by"),
                            rs.getString("kind"),
                            rs.getString("subject"),
                            rs.getString("action"),
                            rs.getString("diff") == null ? null : json.readTree(rs.getString("diff"))))
                    .list());
        }
        changes.sort(Comparator.comparing(Change::at).reversed());
        return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
    }

    private List<Change> ruleChanges(@Nullable Instant from, @Nullable Instant to, int limit) {
        StringBuilder sql = new StringBuilder("select v.rule_key, v.version, v.definition, v.created_at, v.created_by,"
                + " v.change, p.definition previous from rule_version v left join rule_version p"
                + " on p.rule_key = v.rule_key and p.version = v.version - 1 where 1 = 1");
        List<Object> params = new ArrayList<>();
        range(sql, params, "v.created_at", from, to);
        sql.append(" order by v.created_at desc fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> {
                    String previous = rs.getString("previous");
                    JsonNode before = previous == null ? json.nullNode() : json.readTree(previous);
                    return new Change(
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.getString("created_by"),
                            "rule",
                            rs.getString("rule_key") + " v" + rs.getInt("version"),
                            rs.getString("change"),
                            JsonDiff.diff(before, json.readTree(rs.getString("definition"))));
                })
                .list();
    }

    private static void range(
            StringBuilder sql, List<Object> params, String column, @Nullable Instant from, @Nullable Instant to) {
        if (from != null) {
            sql.append(" and ").append(column).append(" >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and ").append(column).append(" < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
