package dev.switchboard.ingest;

import dev.switchboard.message.Ids;
import java.security.Principal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two floors of the intake load run ({@code load/intake.sh}), in test sources only and only with the
 * {@code load-floors} profile: the production jar has no such endpoints. They answer on {@code /v1/batch} with a
 * {@code floor} query parameter, so they go through exactly the same stack as real intake: Tomcat, the body
 * filter with the batch size limit, write-key authentication, the same parser.
 *
 * <ul>
 *   <li>{@code ?floor=parse}: parse the batch and answer;
 *   <li>{@code ?floor=store}: parse and insert each message as one row (id, source, messageId, received time,
 *       the message as JSON) with one JDBC batch in one transaction: durable intake before any routing work.
 *       The id is time-ordered like intake's ({@link Ids}): a random UUID would scatter the inserts over the
 *       whole primary key and make the floor slower than it has to be.
 * </ul>
 */
@RestController
@Profile("load-floors")
class LoadFloorController {

    private static final String CREATE = "create table if not exists load_floor_message (id uuid not null,"
            + " source varchar(100) not null, message_id varchar(100), received_at timestamp with time zone not null,"
            + " payload varchar(1000000) not null, constraint pk_load_floor_message primary key (id))";
    private static final String INSERT =
            "insert into load_floor_message (id, source, message_id, received_at, payload) values (?, ?, ?, ?, ?)";

    private final SegmentPayloadParser parser;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    LoadFloorController(
            SegmentPayloadParser parser, JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.parser = parser;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        jdbc.execute(CREATE);
    }

    @PostMapping(value = "/v1/batch", params = "floor=parse")
    ResponseEntity<Object> parse(@RequestBody byte[] body, Principal source) {
        SegmentPayload payload = parser.parseBatch(body);
        return ResponseEntity.ok(
                Map.of("success", true, "accepted", payload.messages().size()));
    }

    @PostMapping(value = "/v1/batch", params = "floor=store")
    ResponseEntity<Object> store(@RequestBody byte[] body, Principal source) {
        List<RawMessage> messages = parser.parseBatch(body).messages();
        var receivedAt = Instant.now().atOffset(ZoneOffset.UTC);
        String[] payloads = new String[messages.size()];
        String[] ids = new String[messages.size()];
        for (int i = 0; i < payloads.length; i++) {
            Object value = messages.get(i).value();
            payloads[i] = json.writeValueAsString(value);
            ids[i] = value instanceof Map<?, ?> map && map.get("messageId") instanceof String id ? id : null;
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setObject(1, Ids.newId());
                ps.setString(2, source.getName());
                ps.setString(3, ids[i]);
                ps.setObject(4, receivedAt);
                ps.setString(5, payloads[i]);
            }

            @Override
            public int getBatchSize() {
                return payloads.length;
            }
        }));
        return ResponseEntity.ok(Map.of("success", true, "accepted", payloads.length));
    }
}
