package dev.switchboard.audit;

import dev.switchboard.ingest.UserDeletionRequested;
import dev.switchboard.message.LookupKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Purges everything stored about one userId: their messages with the rule decisions, the deliveries for them
 * (also those of messages of other people addressed to them) and the attempts. Segment {@code delete} messages
 * are kept, and so are their deliveries (the Novu subscriber deletion must still go out): they are the record
 * that the deletion was asked for. Every purge is itself recorded in the configuration audit.
 */
@Service
public class UserDataPurge {

    private static final Logger log = LoggerFactory.getLogger(UserDataPurge.class);

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChangeLog changes;
    private final JsonMapper json;

    UserDataPurge(JdbcClient jdbc, TransactionTemplate transactions, ChangeLog changes, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.changes = changes;
        this.json = json;
    }

    @EventListener
    void onDelete(UserDeletionRequested request) {
        MDC.put("messageId", request.messageId());
        try {
            purge(request.userId(), "segment:" + request.source());
        } finally {
            MDC.remove("messageId");
        }
    }

    /** Purges and records who asked; answers the rows deleted per table. */
    public Map<String, Integer> purge(String userId, String requestedBy) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("deliveries", 0);
        counts.put("attempts", 0);
        counts.put("decisions", 0);
        counts.put("messages", 0);
        String keptDeletes = " and d.event_id not in (select k.id from event_message k where k.user_key = :userKey"
                + " and k.user_id = :user"
                + " and k.type = 'delete')";
        while (true) {
            int[] n = transactions.execute(status -> {
                List<UUID> ids = jdbc.sql(
                                "select d.id from delivery d where ((d.user_key = :userKey and d.user_id = :user)"
                                        + " or d.event_id in (select e.id from event_message e"
                                        + " where e.user_key = :userKey and e.user_id = :user))" + keptDeletes
                                        + " fetch first " + BATCH + " rows only")
                        .param("userKey", LookupKeys.keyOf(userId))
                        .param("user", userId)
                        .query(UUID.class)
                        .list();
                if (ids.isEmpty()) {
                    return new int[] {0, 0};
                }
                int attempts = jdbc.sql("delete from delivery_attempt where delivery_id in (:ids)")
                        .param("ids", ids)
                        .update();
                int deliveries = jdbc.sql("delete from delivery where id in (:ids)")
                        .param("ids", ids)
                        .update();
                return new int[] {deliveries, attempts};
            });
            counts.merge("deliveries", n[0], Integer::sum);
            counts.merge("attempts", n[1], Integer::sum);
            if (n[0] == 0) {
                break;
            }
        }
        while (true) {
            int[] n = transactions.execute(status -> {
                List<UUID> ids = jdbc.sql("select id from event_message where user_key = :userKey and user_id = :user"
                                + " and (type is null or type <> 'delete') fetch first " + BATCH + " rows only")
                        .param("userKey", LookupKeys.keyOf(userId))
                        .param("user", userId)
                        .query(UUID.class)
                        .list();
                if (ids.isEmpty()) {
                    return new int[] {0, 0};
                }
                int decisions = jdbc.sql("delete from rule_decision where event_id in (:ids)")
                        .param("ids", ids)
                        .update();
                int messages = jdbc.sql("delete from event_message where id in (:ids)")
                        .param("ids", ids)
                        .update();
                return new int[] {messages, decisions};
            });
            counts.merge("messages", n[0], Integer::sum);
            counts.merge("decisions", n[1], Integer::sum);
            if (n[0] == 0) {
                break;
            }
        }
        changes.insert(requestedBy, "privacy", userId, "purge_user", json.writeValueAsString(counts));
        log.info("Purged the stored data of a user on request of {}: {}", requestedBy, counts);
        return counts;
    }
}
