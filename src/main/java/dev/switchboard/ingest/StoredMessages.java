package dev.switchboard.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored messages back in arrival order, a page at a time, for replaying them against a rule. Rejected
 * messages and duplicates are left out: the rules never saw them.
 */
@Component
public class StoredMessages {

    private static final int PAGE = 1_000;

    private final JdbcClient jdbc;

    StoredMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Hands each valid message received in [from, to) to the consumer, oldest first, at most {@code limit}.
     *
     * @param types the message types to read; empty reads every type
     * @return how many messages were read
     */
    public int scan(Instant from, Instant to, Set<String> types, int limit, Consumer<StoredMessage> consumer) {
        int read = 0;
        OffsetDateTime afterTime = from.atOffset(ZoneOffset.UTC).minusNanos(1000);
        UUID afterId = new UUID(0, 0);
        while (read < limit) {
            int wanted = Math.min(PAGE, limit - read);
            List<Object> params = new ArrayList<>(List.of(afterTime, afterTime, afterId, to.atOffset(ZoneOffset.UTC)));
            StringBuilder sql = new StringBuilder("select id, message_id, type, event, user_id, anonymous_id,"
                    + " received_at, payload from event_message where (received_at > ? or (received_at = ? and id > ?))"
                    + " and received_at < ? and status in ('routed', 'no_match')");
            if (!types.isEmpty()) {
                sql.append(" and type in (")
                        .append(String.join(", ", types.stream().map(t -> "?").toList()))
                        .append(")");
                params.addAll(types);
            }
            sql.append(" order by received_at, id fetch first ").append(wanted).append(" rows only");
            List<StoredMessage> page = jdbc.sql(sql.toString())
                    .params(params)
                    .query(StoredMessages::message)
                    .list();
            page.forEach(consumer);
            read += page.size();
            if (page.size() < wanted) {
                break;
            }
            StoredMessage last = page.get(page.size() - 1);
            afterTime = last.receivedAt().atOffset(ZoneOffset.UTC);
            afterId = last.id();
        }
        return read;
    }

    private static StoredMessage message(ResultSet rs, int row) throws SQLException {
        return new StoredMessage(
                rs.getObject("id", UUID.class),
                rs.getString("message_id"),
                rs.getString("type"),
                rs.getString("event"),
                rs.getString("user_id"),
                rs.getString("anonymous_id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("payload"));
    }
}
