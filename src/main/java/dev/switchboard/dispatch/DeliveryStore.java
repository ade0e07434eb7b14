package dev.switchboard.dispatch;

import dev.switchboard.config.Databases;
import dev.switchboard.message.Ids;
import dev.switchboard.message.LookupKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox in SQL that runs on H2 2.4 and PostgreSQL alike. Every change a worker makes to a row it claimed is
 * conditional on still holding the claim ({@code status = 'sending' and claimed_by = me}), so a worker whose
 * lease ran out can never overwrite what the instance that took over recorded.
 */
@Component
class DeliveryStore {

    static final String COLUMNS = "id, event_id, source, message_id, rule_key, rule_version, action_index,"
            + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status, attempts,"
            + " created_at, due_at, claimed_by, claimed_until, last_http_status, last_error, novu_transaction_id,"
            + " finished_at, retry_budget_from, requeue_attempts, mask_pointers";

    /**
     * Why a delivery did not go through, as grouped and filtered: the start of its last error (Novu's status and
     * message, or the error class), never null.
     */
    static final String REASON = "coalesce(left(last_error, 200), '')";

    /** A pending delivery that was tried before shows as {@link DeliveryFilter#RETRYING}. */
    private static final String RETRYING = "(status = 'pending' and attempts > 0)";

    private static final String STATUS =
            "case when " + RETRYING + " then '" + DeliveryFilter.RETRYING + "' else status end";

    /**
     * Due, or claimed by an instance whose lease ran out (it died or hung). Only ever checked on rows found by
     * their id: written as a CASE so PostgreSQL cannot read it with a status index instead of the primary key
     * (with an OR over status values and statistics that lag behind a fast-growing outbox it did, and each claim
     * of 20 rows read every due row: dispatch fell to 85 triggers/s on an outbox of 200,000 rows).
     */
    private static final String CLAIMABLE = "(case when d.status = 'pending' then d.due_at <= :now"
            + " when d.status = 'sending' then d.claimed_until < :now else false end)";

    /**
     * Per-user ordering: an earlier delivery of the same userId that is unfinished holds this one back. A row
     * still only scheduled (a {@code delay} not yet due, never claimed) does not: it is meant to go later.
     * Earlier means an earlier message; rows of one message (same created_at) keep their UUIDv7 order.
     */
    private static final String IN_ORDER = " and (d.user_id is null or not exists (select 1 from delivery e"
            + " where e.user_key = d.user_key and e.user_id = d.user_id"
            + " and (e.created_at < d.created_at or (e.created_at = d.created_at and e.id < d.id))"
            // A CASE, not an OR over status values: with an OR, PostgreSQL without fresh statistics (an outbox
            // that grew from empty within the last minute) combined the user index with a status index and took
            // 12 ms per candidate, 240-340 ms per claim; a CASE cannot use a status index, so the probe stays on
            // the user's own rows (0.2 ms per claim, with statistics or without).
            + " and (case when e.status = 'sending' then true when e.status = 'pending'"
            + " then (e.due_at <= :now or e.attempts > 0 or e.claimed_by is not null) else false end)))";

    /** A worker's result on the row it holds: only while {@code owner} still holds the claim. */
    private static final String FINISH = "update delivery set status = :status, attempts = attempts + :attempts,"
            + " due_at = coalesce(:due, due_at), claimed_until = null,"
            + " last_http_status = coalesce(:http, last_http_status), last_error = :error,"
            + " novu_transaction_id = coalesce(:novu, novu_transaction_id), finished_at = :finished,"
            + " retry_budget_from = coalesce(retry_budget_from, :budget)"
            + " where id = :id and status = 'sending' and claimed_by = :owner";

    /** The attempt logged with a result. */
    private static final String ATTEMPT = "insert into delivery_attempt (id, delivery_id, attempt, attempted_at,"
            + " http_status, latency_ms, outcome, response_excerpt, error) values (:id, :delivery, :attempt, :at,"
            + " :http, :latency, :outcome, :excerpt, :error)";

    private final JdbcClient jdbc;
    /** For JDBC batches, which {@link JdbcClient} does not make; same data source, same transactions. */
    private final NamedParameterJdbcTemplate batches;

    private final TransactionTemplate transactions;
    private final boolean postgres;

    DeliveryStore(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = transactions;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Rows to claim: first those whose lease ran out (a handful at most), then due rows, the longest due first.
     * Two index range scans on (status, due_at) rather than one query with an OR across both states: the OR made
     * H2 scan and sort the whole table on every poll, which with a backlog of tens of thousands of rows cost
     * about a second per claim and held dispatch far below the rate limit. Per-user order does not depend on the
     * order of this list: {@link #IN_ORDER} holds back every row that has an unfinished earlier one.
     */
    private List<UUID> candidates(int max, Instant now, boolean ordering) {
        String inOrder = ordering ? IN_ORDER : "";
        String lock = postgres ? " for update of d skip locked" : "";
        List<UUID> candidates = new ArrayList<>(jdbc.sql("select d.id from delivery d where d.status = 'sending'"
                        + " and d.claimed_until < :now" + inOrder + " order by d.created_at, d.id limit :max" + lock)
                .param("now", at(now))
                .param("max", max)
                .query(UUID.class)
                .list());
        if (candidates.size() < max) {
            candidates.addAll(jdbc.sql("select d.id from delivery d where d.status = 'pending' and d.due_at <= :now"
                            + inOrder + " order by d.status, d.due_at limit :max" + lock)
                    .param("now", at(now))
                    .param("max", max - candidates.size())
                    .query(UUID.class)
                    .list());
        }
        return candidates;
    }

    /**
     * Claims up to {@code max} deliveries for {@code owner} until {@code until}. On PostgreSQL the candidates are
     * selected {@code FOR UPDATE SKIP LOCKED}, so instances take disjoint rows instead of queueing on each
     * other's; on both databases the claim itself is a conditional UPDATE that only one instance can win.
     */
    List<Delivery> claim(int max, String owner, Instant now, Instant until, boolean ordering) {
        if (max <= 0) {
            return List.of();
        }
        // The claim is found again by its exact lease end: keep it within what both databases store (micros).
        Instant leaseEnd = until.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Delivery> claimed = transactions.execute(status -> {
            List<UUID> candidates = candidates(max, now, ordering);
            if (candidates.isEmpty()) {
                return List.<Delivery>of();
            }
            jdbc.sql("update delivery d set status = 'sending', claimed_by = :owner, claimed_until = :until"
                            + " where d.id in (:ids) and " + CLAIMABLE)
                    .param("owner", owner)
                    .param("until", at(leaseEnd))
                    .param("now", at(now))
                    .param("ids", candidates)
                    .update();
            return jdbc.sql("select " + COLUMNS + " from delivery where id in (:ids) and status = 'sending'"
                            + " and claimed_by = :owner and claimed_until = :until order by created_at, id")
                    .param("ids", candidates)
                    .param("owner", owner)
                    .param("until", at(leaseEnd))
                    .query(DeliveryStore::delivery)
                    .list();
        });
        return claimed == null ? List.of() : claimed;
    }

    /** What a worker concluded for a delivery it holds. */
    record Completion(
            String status,
            @Nullable Instant dueAt,
            @Nullable Integer httpStatus,
            @Nullable String error,
            @Nullable String novuTransactionId,
            @Nullable Attempt attempt) {}

    /** The attempt to log with a completion. */
    record Attempt(
            Instant at,
            @Nullable Integer httpStatus,
            @Nullable Integer latencyMs,
            String outcome,
            @Nullable String responseExcerpt,
            @Nullable String error) {}

    /** What a worker concluded, waiting to be recorded in a transaction it may share ({@link CompletionWriter}). */
    sealed interface Result permits Completing, CancellingByRule {}

    /** A worker's result for the delivery it holds. Recorded: whether the claim was still its own. */
    record Completing(Delivery delivery, String owner, Instant now, Completion completion) implements Result {}

    /**
     * A LOCAL cancel-by-rule row the worker holds, carried out ({@link #cancelByRule}). Recorded: the counts, or
     * empty when the claim was lost.
     */
    record CancellingByRule(
            Delivery local, String owner, String rule, String userId, Instant since, Instant now, IdsForCancel ids)
            implements Result {}

    /**
     * Records several workers' results in one transaction; one answer per result, in order, as {@link #record}.
     * The completions go to the database as two JDBC batches (the rows' new states, then their attempts): one
     * statement each had made the writer wait for two round trips per delivery, which on PostgreSQL was most of
     * its time. A cancel by rule touches only pending rows, never the claimed ones completed with it.
     */
    List<Object> recordAll(List<Result> results) {
        List<Object> done = transactions.execute(status -> {
            List<Completing> completing = results.stream()
                    .filter(Completing.class::isInstance)
                    .map(Completing.class::cast)
                    .toList();
            Iterator<Boolean> completed = completeAllInTransaction(completing).iterator();
            List<Object> answers = new ArrayList<>(results.size());
            for (Result result : results) {
                answers.add(result instanceof Completing ? completed.next() : cancelByRule((CancellingByRule) result));
            }
            return answers;
        });
        return done == null ? List.of() : done;
    }

    /**
     * Records one result in a transaction of its own: for a {@link Completing}, the row's new state and its
     * attempt if {@code owner} still holds the claim, answering whether it did (false: the lease ran out and
     * another instance took the row).
     */
    Object record(Result result) {
        return recordAll(List.of(result)).get(0);
    }

    private List<Boolean> completeAllInTransaction(List<Completing> completing) {
        if (completing.isEmpty()) {
            return List.of();
        }
        int[] updated = batches.batchUpdate(
                FINISH,
                completing.stream()
                        .map(c -> finishing(c.delivery(), c.owner(), c.now(), c.completion()))
                        .toArray(SqlParameterSource[]::new));
        List<Boolean> finished = new ArrayList<>(completing.size());
        List<SqlParameterSource> attempts = new ArrayList<>();
        for (int i = 0; i < completing.size(); i++) {
            if (updated[i] == Statement.SUCCESS_NO_INFO) {
                // Without counts nobody can tell a lost claim; failing the group stores each result on its own.
                throw new IllegalStateException("the JDBC driver did not report what a batched update changed");
            }
            Completing c = completing.get(i);
            finished.add(updated[i] == 1);
            if (updated[i] == 1 && c.completion().attempt() != null) {
                attempts.add(attempt(c.delivery(), c.completion().attempt()));
            }
        }
        if (!attempts.isEmpty()) {
            batches.batchUpdate(ATTEMPT, attempts.toArray(SqlParameterSource[]::new));
        }
        return finished;
    }

    /** The row's new state, if {@code owner} still holds the claim; with one more attempt if the result has one. */
    private boolean finish(Delivery delivery, String owner, Instant now, Completion completion) {
        return batches.update(FINISH, finishing(delivery, owner, now, completion)) == 1;
    }

    private void recordAttempt(Delivery delivery, Attempt attempt) {
        batches.update(ATTEMPT, attempt(delivery, attempt));
    }

    private static SqlParameterSource finishing(Delivery delivery, String owner, Instant now, Completion completion) {
        boolean finished = !Delivery.PENDING.equals(completion.status());
        int attempts = completion.attempt() == null ? 0 : 1;
        return new MapSqlParameterSource()
                .addValue("budget", attempts == 0 ? null : at(delivery.budgetStart()))
                .addValue("status", completion.status())
                .addValue("attempts", attempts)
                .addValue("due", completion.dueAt() == null ? null : at(completion.dueAt()))
                .addValue("http", completion.httpStatus())
                .addValue("error", truncate(completion.error(), 2000))
                .addValue("novu", completion.novuTransactionId())
                .addValue("finished", finished ? at(now) : null)
                .addValue("id", delivery.id())
                .addValue("owner", owner);
    }

    private static SqlParameterSource attempt(Delivery delivery, Attempt attempt) {
        return new MapSqlParameterSource()
                .addValue("id", Ids.newId())
                .addValue("delivery", delivery.id())
                .addValue("attempt", delivery.attempts() + 1)
                .addValue("at", at(attempt.at()))
                .addValue("http", attempt.httpStatus())
                .addValue("latency", attempt.latencyMs())
                .addValue("outcome", attempt.outcome())
                .addValue("excerpt", truncate(attempt.responseExcerpt(), 2000))
                .addValue("error", truncate(attempt.error(), 2000));
    }

    /**
     * Gives a claimed row back untouched, due at {@code dueAt} (the rate limit would keep it waiting too long,
     * or the instance is stopping). It keeps {@code claimed_by}, which marks it as started for ordering.
     */
    void release(UUID id, String owner, Instant dueAt) {
        jdbc.sql("update delivery set status = 'pending', claimed_until = null, due_at = :due"
                        + " where id = :id and status = 'sending' and claimed_by = :owner")
                .param("due", at(dueAt))
                .param("id", id)
                .param("owner", owner)
                .update();
    }

    /** Gives back every claim of {@code owner}: the end of a graceful stop. */
    int releaseAll(String owner) {
        return jdbc.sql("update delivery set status = 'pending', claimed_until = null"
                        + " where status = 'sending' and claimed_by = :owner")
                .param("owner", owner)
                .update();
    }

    /** Local pending rows carrying a transactionId that is being cancelled at Novu. */
    int cancelPendingByTransaction(String transactionId, UUID except, Instant now, String reason) {
        // Only the transactionId index can serve this: beside a plain status condition, PostgreSQL without
        // statistics yet (an outbox that grew from empty within the last minute) read every pending row through the
        // status index, 5,000 of 5,000 in a test, to cancel one.
        return jdbc.sql("update delivery set status = 'cancelled', finished_at = :now, last_error = :reason"
                        + " where transaction_key = :txKey and transaction_id = :tx and (case when status = 'pending'"
                        + " and method <> 'DELETE' and method <> 'LOCAL' then id <> :except else false end)")
                .param("now", at(now))
                .param("reason", reason)
                .param("txKey", LookupKeys.keyOf(transactionId))
                .param("tx", transactionId)
                .param("except", except)
                .update();
    }

    /**
     * Cancel by rule, in the transaction that records the LOCAL row's completion: pending deliveries of that rule
     * and user within the window become {@code cancelled}; for delivered triggers a Novu cancel
     * ({@code DELETE /v1/events/trigger/{transactionId}}) is queued as a delivery of its own, so it gets
     * retries, rate limiting and an attempt log like any call. The LOCAL row is finished first: if another
     * instance took it over, nothing is cancelled here (that instance does it).
     *
     * @return the counts, or empty if the claim was lost
     */
    private Optional<int[]> cancelByRule(CancellingByRule cancel) {
        Delivery local = cancel.local();
        String owner = cancel.owner();
        String userId = cancel.userId();
        String rule = cancel.rule();
        Instant since = cancel.since();
        Instant now = cancel.now();
        // Its attempt counts now; what it did is only known below, when the attempt is logged.
        Attempt attempt = new Attempt(now, null, 0, "local", null, null);
        if (!finish(local, owner, now, new Completion(Delivery.DELIVERED, null, null, null, null, attempt))) {
            return Optional.empty();
        }
        // Both statements find the user's rows in the window by the user index; the rest is a CASE so that
        // PostgreSQL cannot prefer the rule-and-status index, which with lagging statistics read every pending
        // or delivered row of the rule. That held the completion writer, and all of dispatch, at 85 calls/s.
        int cancelled = jdbc.sql("update delivery set status = 'cancelled', finished_at = :now,"
                        + " last_error = :reason where user_key = :userKey and user_id = :user and created_at >= :since"
                        + " and created_at <= :until and (case when rule_key = :rule and status = 'pending'"
                        + " and method <> 'LOCAL' then id <> :self else false end)")
                .param("now", at(now))
                .param("reason", "cancelled by rule cancel " + local.id())
                .param("rule", rule)
                .param("userKey", LookupKeys.keyOf(userId))
                .param("user", userId)
                .param("since", at(since))
                .param("until", at(local.createdAt()))
                .param("self", local.id())
                .update();
        List<String> delivered = jdbc.sql("select distinct transaction_id from delivery where user_key = :userKey"
                        + " and user_id = :user"
                        + " and created_at >= :since and created_at <= :until and (case when rule_key = :rule"
                        + " and status = 'delivered' and action_type = 'trigger' and method = 'POST' then true"
                        + " else false end)")
                .param("rule", rule)
                .param("userKey", LookupKeys.keyOf(userId))
                .param("user", userId)
                .param("since", at(since))
                .param("until", at(local.createdAt()))
                .query(String.class)
                .list();
        for (String transactionId : delivered) {
            insertCancel(local, transactionId, now, cancel.ids());
        }
        String summary = "cancelled " + cancelled + " scheduled, asked Novu to cancel " + delivered.size();
        recordAttempt(local, new Attempt(now, null, 0, attempt.outcome(), summary, null));
        return Optional.of(new int[] {cancelled, delivered.size()});
    }

    /** Derives the Idempotency-Key of a queued Novu cancel. */
    interface IdsForCancel {
        String idempotencyKey(Delivery local, String transactionId);
    }

    private void insertCancel(Delivery local, String transactionId, Instant now, IdsForCancel ids) {
        jdbc.sql("insert into delivery (id, event_id, source, message_id, rule_key, rule_version, action_index,"
                        + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status,"
                        + " attempts, created_at, due_at, user_key, transaction_key) values (:id, :event, :source,"
                        + " :message, :rule, :version, :index, 'cancel', :user, 'DELETE', :path, null, :tx, :key,"
                        + " 'pending', 0, :created, :due, :userKey, :txKey)")
                .param("id", Ids.newId())
                .param("event", local.eventId())
                .param("source", local.source())
                .param("message", local.messageId())
                .param("rule", local.ruleKey())
                .param("version", local.ruleVersion())
                .param("index", local.actionIndex())
                .param("user", local.userId())
                .param(
                        "path",
                        "/v1/events/trigger/"
                                + org.springframework.web.util.UriUtils.encodePathSegment(
                                        transactionId, java.nio.charset.StandardCharsets.UTF_8))
                .param("tx", transactionId)
                .param("txKey", LookupKeys.keyOf(transactionId))
                .param("userKey", LookupKeys.of(local.userId()))
                .param("key", ids.idempotencyKey(local, transactionId))
                // Same created_at as the LOCAL row: it keeps that message's place in the user's order.
                .param("created", at(local.createdAt()))
                .param("due", at(now))
                .update();
    }

    // --- the deliveries API ---

    List<Delivery> find(DeliveryFilter filter, int limit) {
        return find(filter, 0, limit);
    }

    /** Newest first, {@code limit} rows after skipping {@code offset}. */
    List<Delivery> find(DeliveryFilter filter, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql(findSql(filter, params, offset, limit))
                .params(params)
                .query(DeliveryStore::delivery)
                .list();
    }

    /** The SELECT of {@link #find}, its parameters put into {@code params}. */
    static String findSql(DeliveryFilter filter, Map<String, Object> params, long offset, int limit) {
        return "select " + COLUMNS + " from delivery" + where(filter, params) + " order by " + newestFirst(filter)
                + " limit " + limit + " offset " + offset;
    }

    long count(DeliveryFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        return jdbc.sql("select count(*) from delivery" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * The deliveries matching the filter counted per rule, status and reason (the start of {@code last_error}),
     * with their oldest and newest creation time and the last HTTP status Novu answered; the largest groups
     * first. One GROUP BY over the rows the filter selects.
     */
    List<DeliveryGroup> groups(DeliveryFilter filter, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        return jdbc.sql("select rule_key, " + STATUS + " as shown_status, " + REASON + " as reason,"
                        + " max(last_http_status) as http_status, count(*) as n, min(created_at) as oldest,"
                        + " max(created_at) as newest from delivery" + where + " group by rule_key, " + STATUS + ", "
                        + REASON + " order by n desc, rule_key, shown_status, reason limit " + limit)
                .params(params)
                .query((rs, row) -> new DeliveryGroup(
                        rs.getString("rule_key"),
                        rs.getString("shown_status"),
                        rs.getString("reason"),
                        (Integer) rs.getObject("http_status", Integer.class),
                        rs.getLong("n"),
                        instant(rs, "oldest"),
                        instant(rs, "newest")))
                .list();
    }

    Optional<Delivery> get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from delivery where id = :id")
                .param("id", id)
                .query(DeliveryStore::delivery)
                .optional();
    }

    List<DeliveryAttempt> attempts(UUID deliveryId) {
        return jdbc.sql("select id, delivery_id, attempt, attempted_at, http_status, latency_ms, outcome,"
                        + " response_excerpt, error from delivery_attempt where delivery_id = :id order by attempt")
                .param("id", deliveryId)
                .query((rs, row) -> new DeliveryAttempt(
                        rs.getObject("id", UUID.class),
                        rs.getObject("delivery_id", UUID.class),
                        rs.getInt("attempt"),
                        instant(rs, "attempted_at"),
                        (Integer) rs.getObject("http_status", Integer.class),
                        (Integer) rs.getObject("latency_ms", Integer.class),
                        rs.getString("outcome"),
                        rs.getString("response_excerpt"),
                        rs.getString("error")))
                .list();
    }

    /**
     * Re-queues finished deliveries in one of {@code retryable} states matching the filter: same stored request,
     * same transactionId and Idempotency-Key, a fresh retry budget from now.
     */
    int requeue(DeliveryFilter filter, List<String> retryable, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        params.put("retryable", retryable);
        params.put("now", at(now));
        return jdbc.sql("update delivery set status = 'pending', due_at = :now, retry_budget_from = :now,"
                        + " requeue_attempts = attempts, claimed_by = null, claimed_until = null,"
                        + " finished_at = null" + (where.isEmpty() ? " where " : where + " and ")
                        + "status in (:retryable) and method <> 'LOCAL'")
                .params(params)
                .update();
    }

    /** Re-queues those of the given deliveries that are in one of {@code retryable} states. */
    int requeue(Collection<UUID> ids, List<String> retryable, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update delivery set status = 'pending', due_at = :now, retry_budget_from = :now,"
                        + " requeue_attempts = attempts, claimed_by = null, claimed_until = null, finished_at = null"
                        + " where id in (:ids) and status in (:retryable) and method <> 'LOCAL'")
                .param("now", at(now))
                .param("ids", List.copyOf(ids))
                .param("retryable", retryable)
                .update();
    }

    int requeue(UUID id, List<String> retryable, Instant now) {
        return jdbc.sql("update delivery set status = 'pending', due_at = :now, retry_budget_from = :now,"
                        + " requeue_attempts = attempts, claimed_by = null, claimed_until = null, finished_at = null"
                        + " where id = :id and status in (:retryable)")
                .param("now", at(now))
                .param("id", id)
                .param("retryable", retryable)
                .update();
    }

    /**
     * Newest first, led by the column of the index the filter reads when the filter fixes it to one value: H2
     * reads an index backwards only for an ORDER BY that names its columns from the first one on (PostgreSQL
     * skips such a column itself), and otherwise reads every match and sorts it, all of a state's deliveries
     * for a page of 50. The same order either way: a led column has one value.
     */
    private static String newestFirst(DeliveryFilter filter) {
        boolean oneStoredStatus =
                filter.statuses().size() == 1 && !filter.statuses().contains(DeliveryFilter.RETRYING);
        if (filter.user() != null) {
            return "user_key desc, created_at desc, id desc";
        } else if (oneStoredStatus && filter.rule() != null) {
            return "rule_key desc, status desc, created_at desc, id desc";
        } else if (oneStoredStatus) {
            return "status desc, created_at desc, id desc";
        }
        return "created_at desc, id desc";
    }

    private static String where(DeliveryFilter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        List<String> stored = filter.statuses().stream()
                .filter(status -> !DeliveryFilter.RETRYING.equals(status))
                .toList();
        List<String> either = new ArrayList<>();
        if (!stored.isEmpty()) {
            either.add("status in (:statuses)");
            params.put("statuses", stored);
        }
        if (filter.statuses().contains(DeliveryFilter.RETRYING)) {
            either.add(RETRYING);
        }
        if (!either.isEmpty()) {
            conditions.add(either.size() == 1 ? either.get(0) : "(" + String.join(" or ", either) + ")");
        }
        if (filter.reason() != null) {
            conditions.add(REASON + " = :reason");
            params.put("reason", filter.reason());
        }
        if (filter.rule() != null) {
            conditions.add("rule_key = :rule");
            params.put("rule", filter.rule());
        }
        if (filter.user() != null) {
            conditions.add("user_key = :userKey and user_id = :user");
            params.put("userKey", LookupKeys.keyOf(filter.user()));
            params.put("user", filter.user());
        }
        if (filter.from() != null) {
            conditions.add("created_at >= :from");
            params.put("from", at(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("created_at < :to");
            params.put("to", at(filter.to()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("source"),
                rs.getString("message_id"),
                rs.getString("rule_key"),
                rs.getInt("rule_version"),
                rs.getInt("action_index"),
                rs.getString("action_type"),
                rs.getString("user_id"),
                rs.getString("method"),
                rs.getString("path"),
                rs.getString("body"),
                rs.getString("transaction_id"),
                rs.getString("idempotency_key"),
                rs.getString("status"),
                rs.getInt("attempts"),
                instant(rs, "created_at"),
                instant(rs, "due_at"),
                rs.getString("claimed_by"),
                optionalInstant(rs, "claimed_until"),
                (Integer) rs.getObject("last_http_status", Integer.class),
                rs.getString("last_error"),
                rs.getString("novu_transaction_id"),
                optionalInstant(rs, "finished_at"),
                optionalInstant(rs, "retry_budget_from"),
                rs.getInt("requeue_attempts"),
                rs.getString("mask_pointers"));
    }
}
