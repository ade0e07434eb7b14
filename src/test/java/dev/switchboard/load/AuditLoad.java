package dev.switchboard.load;

import dev.switchboard.config.LookupKeySql;
import dev.switchboard.load.IntakeLoad.Database;
import dev.switchboard.load.IntakeLoad.Server;
import dev.switchboard.message.LookupKeys;
import dev.switchboard.support.Migrations;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit search at scale, the benchmark of issue #6: for each database (the H2 file with the default URL,
 * PostgreSQL 14 with {@code synchronous_commit=on}) it lets Switchboard create the schema, fills the audit tables
 * with {@code --messages} generated messages and the decisions, deliveries and attempts that go with them, then
 * starts Switchboard on the filled database and times the searches of the JSON API and the list page over real
 * HTTP, as an admin. Prints a Markdown table and writes it to {@code target/load/audit-results.md}.
 *
 * <p>The data is set-based SQL ({@code system_range} / {@code generate_series}), derived only from the row
 * number, so two runs of the same size hold the same rows (apart from the time they end at, which is now). The
 * secondary indexes of the filled tables are read from the catalog, dropped during the load and created again
 * exactly as they were. Run with {@code load/audit.sh}; everything stays on 127.0.0.1.
 */
public final class AuditLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SPAN_MS = Duration.ofDays(30).toMillis();
    private static final List<String> TABLES =
            List.of("event_message", "rule_decision", "delivery", "delivery_attempt");
    private static final int SEARCH_TARGET_MS = 100;
    private static final int PAGE_TARGET_MS = 300;

    /** 60 event names, as a shop and its app send them. */
    static final List<String> EVENTS = List.of(
            "Product Viewed",
            "Product Added",
            "Product Removed",
            "Cart Viewed",
            "Checkout Started",
            "Checkout Step Viewed",
            "Checkout Step Completed",
            "Payment Info Entered",
            "Order Completed",
            "Order Updated",
            "Order Refunded",
            "Order Cancelled",
            "Coupon Entered",
            "Coupon Applied",
            "Coupon Denied",
            "Coupon Removed",
            "Product List Viewed",
            "Product List Filtered",
            "Products Searched",
            "Promotion Viewed",
            "Promotion Clicked",
            "Product Clicked",
            "Product Shared",
            "Cart Shared",
            "Product Reviewed",
            "Wishlist Product Added",
            "Wishlist Product Removed",
            "Signed Up",
            "Signed In",
            "Signed Out",
            "Password Reset Requested",
            "Email Verified",
            "Account Deleted",
            "Subscription Started",
            "Subscription Cancelled",
            "Subscription Renewed",
            "Trial Started",
            "Trial Ended",
            "Invoice Paid",
            "Invoice Payment Failed",
            "Audience Entered",
            "Audience Exited",
            "User Abandoned Cart",
            "Back In Stock Requested",
            "Price Drop Alert Set",
            "Newsletter Subscribed",
            "Newsletter Unsubscribed",
            "Push Notification Received",
            "Push Notification Tapped",
            "Email Opened",
            "Email Link Clicked",
            "Application Installed",
            "Application Opened",
            "Application Updated",
            "Application Backgrounded",
            "Video Playback Started",
            "Video Playback Completed",
            "Support Ticket Created",
            "Referral Sent",
            "Gift Card Purchased");

    private static final List<String> PAGES =
            List.of("Home", "Product", "Category", "Cart", "Checkout", "Search", "Account", "Help", "Blog", "Sale");

    /** 40 rule keys. */
    static final List<String> RULES = Stream.of(
                    "welcome-email",
                    "abandoned-cart",
                    "order-confirmation",
                    "shipping-update",
                    "refund-issued",
                    "order-cancelled",
                    "back-in-stock",
                    "price-drop",
                    "wishlist-reminder",
                    "review-request",
                    "password-reset",
                    "email-verification",
                    "account-deleted",
                    "trial-ending",
                    "trial-started",
                    "subscription-renewed",
                    "subscription-cancelled",
                    "invoice-paid",
                    "payment-failed",
                    "coupon-applied",
                    "checkout-nudge",
                    "first-order",
                    "vip-order",
                    "newsletter-welcome",
                    "newsletter-goodbye",
                    "app-installed",
                    "app-inactive",
                    "push-reengage",
                    "support-ticket",
                    "referral-thanks",
                    "gift-card",
                    "audience-vip",
                    "audience-churn-risk",
                    "product-shared",
                    "cart-shared",
                    "signin-new-device",
                    "signup-followup",
                    "big-spender",
                    "weekly-digest",
                    "loyalty-points")
            .toList();

    private final Map<String, String> options;
    private final Path work;
    private final long messages;
    private final int queries;

    private AuditLoad(Map<String, String> options, Path work) {
        this.options = options;
        this.work = work;
        this.messages =
                Long.parseLong(options.getOrDefault("messages", "5000000").replace("_", ""));
        this.queries = Integer.parseInt(options.getOrDefault("queries", "30"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name [value], got " + args[i]);
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        Path work = options.containsKey("dir")
                ? Files.createDirectories(Path.of(options.get("dir")))
                : Files.createTempDirectory("switchboard-audit-load");
        if (options.containsKey("print-sql")) {
            // The statements of the first chunk, to read or EXPLAIN by hand: --print-sql h2|postgres
            Dialect dialect = options.get("print-sql").equals("postgres") ? Dialect.POSTGRES : Dialect.H2;
            long size = Long.parseLong(options.getOrDefault("messages", "5000000"));
            new Generator(dialect, size, Instant.now().toEpochMilli())
                    .inserts(1, Math.min(size, Long.parseLong(options.getOrDefault("chunk", "250000"))))
                    .forEach(sql -> print(sql + ";"));
            return;
        }
        AuditLoad load = new AuditLoad(options, work);
        boolean keep = options.containsKey("keep-dir") || options.containsKey("reuse");
        print("databases and Switchboard logs in " + work
                + (keep ? " (kept: delete it when done)" : " (deleted at the end)"));
        List<Result> results = new ArrayList<>();
        try {
            for (String db : options.getOrDefault("db", "h2,postgres").split(",")) {
                results.addAll(load.runOn(db.trim()));
            }
        } finally {
            if (!keep) {
                Folders.delete(work);
            }
        }
        String table = table(results, load.messages, load.queries);
        print("");
        print(table);
        Path out = Path.of(options.getOrDefault("out", "target/load/audit-results.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        print("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------- one database

    private List<Result> runOn(String db) throws Exception {
        print("== " + db + ": " + String.format("%,d", messages) + " messages");
        Result result = new Result(db, "");
        Path dir = work.resolve(db);
        // --reuse (H2 only: the embedded PostgreSQL starts from a clean folder) searches an H2 file that an earlier
        // run with --keep-dir filled, in half a minute instead of half an hour.
        boolean reuse =
                options.containsKey("reuse") && db.equals("h2") && Files.exists(dir.resolve("switchboard.mv.db"));
        try (Database database = Database.create(db, dir)) {
            if (!reuse) {
                Instant schema = Instant.now();
                try (Server ignored = startServer(database, dir.resolve("schema.log"))) {
                    print("schema created by Flyway in " + seconds(schema) + " s");
                }
            } else {
                // A file filled by an earlier build: migrated to this build's schema as the application would at its
                // start, here so that a long migration (V70 adds and fills keys on every row) is timed, not a start-up
                // timeout.
                Instant schema = Instant.now();
                Migrations.migrate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
                print("schema migrated by Flyway in " + seconds(schema) + " s");
            }
            Dialect dialect = db.equals("h2") ? Dialect.H2 : Dialect.POSTGRES;
            Samples samples;
            try (Connection c = database.connect()) {
                result.load = reuse ? null : fill(c, dialect);
                samples = samples(c);
                result.counts = counts(c);
                if (dialect == Dialect.POSTGRES) {
                    result.diskBytes = single(c, "select pg_database_size(current_database())");
                }
            }
            print("rows: " + result.counts + "; samples: " + samples);
            try (Server server = startServer(database, dir.resolve("switchboard.log"))) {
                result.timings = measure(server, samples);
            }
            if (dialect == Dialect.H2) {
                result.diskBytes = Folders.size(dir);
            }
            print(String.format("database size on disk: %,d MB", result.diskBytes / 1_000_000));
            List<Result> results = new ArrayList<>(List.of(result));
            if (dialect == Dialect.H2) {
                results.addAll(measureWithOtherH2Settings(database, dir, result, samples));
            }
            return results;
        }
    }

    /**
     * The same filled H2 file searched again with other URL settings ({@code --h2-settings ";CACHE_SIZE=4096"},
     * several separated by {@code |}): a setting that helps intake must not cost the search, and a second fill
     * of the same data would take half an hour. Each variant restarts Switchboard on the file.
     */
    private List<Result> measureWithOtherH2Settings(Database database, Path dir, Result filled, Samples samples)
            throws Exception {
        List<Result> variants = new ArrayList<>();
        for (String settings : options.getOrDefault("h2-settings", "").split("\\|")) {
            if (settings.isBlank()) {
                continue;
            }
            Database.h2Settings = settings;
            try {
                Result variant = new Result("h2", settings);
                variant.load = filled.load;
                variant.counts = filled.counts;
                variant.diskBytes = filled.diskBytes;
                print("== h2 again with " + settings);
                try (Server server = startServer(database, dir.resolve("switchboard-" + variants.size() + ".log"))) {
                    variant.timings = measure(server, samples);
                }
                variants.add(variant);
            } finally {
                Database.h2Settings = "";
            }
        }
        return variants;
    }

    /**
     * Switchboard as users run it, with nothing that would change the filled tables while they are measured:
     * the dispatcher off (the generated pending rows stay pending) and no retention purge (the oldest messages
     * are 30 days old, the default retention).
     */
    private Server startServer(Database database, Path log) throws IOException, InterruptedException {
        List<String> appArgs = new ArrayList<>(List.of(
                "--switchboard.dispatch.enabled=false",
                "--switchboard.audit.retention.enabled=false",
                "--switchboard.ingest.write-keys=load:" + IntakeLoad.WRITE_KEY));
        // --app-args "--a=b --c=d": Switchboard settings for an experiment, e.g. the connection pool's size.
        for (String arg : options.getOrDefault("app-args", "").split(" ")) {
            if (!arg.isBlank()) {
                appArgs.add(arg);
            }
        }
        return Server.start(database, List.of("-Xmx" + options.getOrDefault("heap", "512m")), appArgs, log);
    }

    // ---------------------------------------------------------------------------------------------- filling

    record Load(long rows, double seconds, double indexSeconds) {}

    private Load fill(Connection c, Dialect dialect) throws SQLException {
        c.setAutoCommit(false);
        List<String> before = indexes(c, dialect);
        List<String> drops = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        secondaryIndexes(c, dialect, drops, creates);
        print("dropping " + drops.size() + " secondary indexes for the load");
        try (Statement s = c.createStatement()) {
            for (String drop : drops) {
                s.execute(drop);
            }
        }
        c.commit();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Generator generator = new Generator(dialect, messages, now.toEpochMilli());
        long chunk = Long.parseLong(options.getOrDefault("chunk", "250000"));
        long started = System.nanoTime();
        long rows = 0;
        for (long first = 1; first <= messages; first += chunk) {
            long last = Math.min(messages, first + chunk - 1);
            long chunkStart = System.nanoTime();
            long chunkRows = 0;
            List<String> parts = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                int table = 0;
                for (String insert : generator.inserts(first, last)) {
                    long one = System.nanoTime();
                    chunkRows += s.executeUpdate(insert);
                    parts.add(String.format("%s %.1f s", TABLES.get(table++), (System.nanoTime() - one) / 1e9));
                }
            }
            c.commit();
            rows += chunkRows;
            double took = (System.nanoTime() - chunkStart) / 1e9;
            print(String.format(
                    "messages %,d-%,d: %,d rows in %.1f s (%,.0f rows/s; %s), %.0f%% done",
                    first, last, chunkRows, took, chunkRows / took, String.join(", ", parts), 100.0 * last / messages));
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;

        long indexStart = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String create : creates) {
                long one = System.nanoTime();
                s.execute(create);
                c.commit();
                print(String.format("%s (%.1f s)", create, (System.nanoTime() - one) / 1e9));
            }
            s.execute("analyze");
        }
        c.commit();
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
        List<String> after = indexes(c, dialect);
        if (!before.equals(after)) {
            throw new IllegalStateException("indexes differ after the load:\nbefore " + before + "\nafter  " + after);
        }
        print(String.format(
                "loaded %,d rows in %.0f s (%,.0f rows/s), indexes and analyze %.0f s; the %d indexes are as Flyway"
                        + " made them",
                rows, loadSeconds, rows / loadSeconds, indexSeconds, after.size()));
        c.setAutoCommit(true);
        return new Load(rows, loadSeconds, indexSeconds);
    }

    /** Every index of the filled tables, primary keys included, as "table.index(columns)" in a stable order. */
    private static List<String> indexes(Connection c, Dialect dialect) throws SQLException {
        List<String> list = new ArrayList<>();
        String sql = dialect == Dialect.H2
                ? "select lower(i.table_name), lower(i.index_name), lower(c.column_name), c.ordering_specification"
                        + " from information_schema.indexes i join information_schema.index_columns c"
                        + " on c.index_schema = i.index_schema and c.index_name = i.index_name"
                        + " where i.table_schema = 'PUBLIC' and lower(i.table_name) in (" + tableList() + ")"
                        + " order by 1, 2, c.ordinal_position"
                : "select tablename, indexname, indexdef, '' from pg_indexes where schemaname = 'public'"
                        + " and tablename in (" + tableList() + ") order by 1, 2";
        Map<String, List<String>> byIndex = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                byIndex.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), k -> new ArrayList<>())
                        .add(rs.getString(3) + (rs.getString(4).isEmpty() ? "" : " " + rs.getString(4)));
            }
        }
        byIndex.forEach((name, columns) -> list.add(name + "(" + String.join(", ", columns) + ")"));
        return list;
    }

    /**
     * The secondary indexes of the filled tables that may be dropped (not a primary key, unique or foreign key
     * index), with the statements that drop them and create them again as they are.
     */
    private static void secondaryIndexes(Connection c, Dialect dialect, List<String> drops, List<String> creates)
            throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select i.indexname, i.indexdef from pg_indexes i"
                            + " where i.schemaname = 'public' and i.tablename in (" + tableList() + ")"
                            + " and not exists (select 1 from pg_constraint k"
                            + " where k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)"
                            + " order by i.tablename, i.indexname")) {
                while (rs.next()) {
                    drops.add("drop index " + rs.getString(1));
                    creates.add(rs.getString(2));
                }
            }
            return;
        }
        Map<String, String> tableOf = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select i.table_name, i.index_name, c.column_name,"
                        + " c.ordering_specification from information_schema.indexes i"
                        + " join information_schema.index_columns c"
                        + " on c.index_schema = i.index_schema and c.index_name = i.index_name"
                        + " where i.table_schema = 'PUBLIC' and lower(i.table_name) in (" + tableList() + ")"
                        + " and i.index_type_name = 'INDEX'"
                        + " and not exists (select 1 from information_schema.table_constraints k"
                        + " where k.index_schema = i.index_schema and k.index_name = i.index_name)"
                        + " order by i.table_name, i.index_name, c.ordinal_position")) {
            while (rs.next()) {
                tableOf.put(rs.getString(2), rs.getString(1));
                columns.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add("\"" + rs.getString(3) + "\"" + ("DESC".equals(rs.getString(4)) ? " desc" : ""));
            }
        }
        tableOf.forEach((index, table) -> {
            drops.add("drop index \"" + index + "\"");
            creates.add("create index \"" + index + "\" on \"" + table + "\" (" + String.join(", ", columns.get(index))
                    + ")");
        });
    }

    private static String tableList() {
        return String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList());
    }

    // ---------------------------------------------------------------------------------------------- samples

    /** What the searches look for: values that exist in the generated data, found through the indexes. */
    record Samples(
            String busyUser,
            long busyUserMessages,
            String singleUser,
            String messageId,
            String rule,
            String event,
            String text,
            long textMessages,
            String detailId) {}

    private Samples samples(Connection c) throws SQLException {
        // User 0 is the busiest by construction (see Generator.user); a user with one message is among the last.
        String busy = Generator.userId(0);
        long busyCount = messagesOf(c, busy);
        String single = null;
        for (long k = Generator.USERS - 1; k > Generator.USERS - 100_000 && single == null; k--) {
            if (messagesOf(c, Generator.userId(k)) == 1) {
                single = Generator.userId(k);
            }
        }
        if (single == null) {
            throw new IllegalStateException("no user with exactly one message among the last 100,000 user ids");
        }
        String messageId = string(
                c,
                "select message_id from event_message where received_at < (select max(received_at) from event_message)"
                        + " - interval '7' day order by received_at desc fetch first 1 rows only");
        // The rule with the most dead deliveries: the "why did this fail" search.
        String rule = string(
                c,
                "select rule_key from delivery where status = 'dead' group by rule_key order by count(*) desc,"
                        + " rule_key fetch first 1 rows only");
        String event = EVENTS.get(8);
        // A SKU from the middle of the range: it appears in a few payloads (see Generator.skus).
        String text = "SKU-" + Generator.sku(messages / 2, messages);
        long textCount = count(c, "select count(*) from event_message where payload like ?", "%" + text + "%");
        String detail = string(
                c,
                "select event_id from delivery where status = 'dead' and rule_key = '" + rule
                        + "' order by created_at desc fetch first 1 rows only");
        return new Samples(busy, busyCount, single, messageId, rule, event, text, textCount, detail);
    }

    // ---------------------------------------------------------------------------------------------- measuring

    record Timing(String name, String request, int target, double p50, double p95, double max, String found) {}

    private List<Timing> measure(Server server, Samples s) throws Exception {
        // Logged in as the pages are (form login, session cookie): what a search costs, not what hashing the
        // password of an HTTP Basic request costs; one extra row shows that cost.
        HttpClient browser = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager())
                .build();
        login(browser, server);
        writeBeforeEachCall = writer(server);
        List<Timing> timings = new ArrayList<>();
        Map<String, String[]> searches = new LinkedHashMap<>();
        searches.put(
                "by user, busy (" + String.format("%,d", s.busyUserMessages()) + " messages)",
                new String[] {"userId=" + s.busyUser(), "100"});
        searches.put("by user, one message", new String[] {"userId=" + s.singleUser(), "100"});
        searches.put("by messageId", new String[] {"messageId=" + s.messageId(), "100"});
        searches.put("by rule + status=dead", new String[] {"rule=" + s.rule() + "&status=dead", "100"});
        searches.put("by rule + status=delivered", new String[] {"rule=" + s.rule() + "&status=delivered", "100"});
        searches.put("by event name", new String[] {"event=" + s.event(), "0"});
        searches.put("status=dead", new String[] {"status=dead", "0"});
        searches.put("type=identify", new String[] {"type=identify", "0"});
        searches.put("full text q (in " + s.textMessages() + " payloads)", new String[] {"q=" + s.text(), "-1"});
        for (Map.Entry<String, String[]> search : searches.entrySet()) {
            String path = "/api/events?" + query(search.getValue()[0]);
            timings.add(time(
                    search.getKey(),
                    path,
                    Integer.parseInt(search.getValue()[1]),
                    () -> found(get(browser, server.url(path), null))));
        }
        HttpResponse<String> first = get(browser, server.url("/api/events?" + query("userId=" + s.busyUser())), null);
        JsonNode next = JSON.readTree(first.body()).path("next");
        if (next.isString()) {
            String path = "/api/events?" + query("userId=" + s.busyUser() + "&cursor=" + next.asString());
            timings.add(time(
                    "by user, busy: second page (cursor)",
                    path,
                    SEARCH_TARGET_MS,
                    () -> found(get(browser, server.url(path), null))));
        } else {
            print("the busy user has a single page: no cursor to follow");
        }
        String detail = "/api/events/" + s.detailId();
        timings.add(time("detail GET /api/events/{id}", detail, 0, () -> {
            HttpResponse<String> response = get(browser, server.url(detail), null);
            JsonNode body = JSON.readTree(response.body());
            return response.statusCode() + ", " + body.path("decisions").size() + " decisions, "
                    + body.path("deliveries").size() + " deliveries";
        }));
        String basic = IntakeLoad.basic("admin", IntakeLoad.ADMIN_PASSWORD);
        HttpClient api = IntakeLoad.client();
        String byMessageId = "/api/events?" + query("messageId=" + s.messageId());
        timings.add(time(
                "by messageId, HTTP Basic on each call",
                byMessageId,
                0,
                () -> found(get(api, server.url(byMessageId), basic))));
        // Every page and statistics call that reads the audit tables, not only the audit list: the overview, the
        // rules list and a rule's page with their figures, the builder with its suggestions from stored traffic,
        // the deliveries page and API.
        List<String> pages = List.of(
                "/audit",
                "/audit?" + query("userId=" + s.busyUser()),
                "/",
                "/rules",
                // An example rule (loaded at first start) whose key the generated traffic also uses.
                "/rules/order-confirmation",
                "/rules/new",
                "/deliveries",
                "/deliveries?" + query("status=dead"),
                "/api/deliveries?" + query("status=dead"),
                "/api/deliveries?" + query("rule=" + s.rule() + "&status=delivered"),
                "/api/stats/rules",
                "/api/rules/" + s.rule() + "/stats");
        for (String page : pages) {
            HttpResponse<String> probe = get(browser, server.url(page), null);
            if (probe.statusCode() == 404) {
                print("GET " + page + ": 404");
                timings.add(new Timing("page GET " + page, page, 0, -1, -1, -1, "404"));
                continue;
            }
            // Issue #6 sets a target for the audit list page; the others are reported.
            int target = page.startsWith("/audit") ? PAGE_TARGET_MS : 0;
            timings.add(time("page GET " + page, page, target, () -> {
                HttpResponse<String> response = get(browser, server.url(page), null);
                if (response.statusCode() != 200 || response.body().contains("name=\"password\"")) {
                    throw new IllegalStateException(page + " answered " + response.statusCode()
                            + (response.statusCode() == 200 ? " with the login form" : ""));
                }
                return response.statusCode() + ", " + response.body().length() / 1024 + " KB";
            }));
        }
        return timings;
    }

    /** Form login as the browser does it: the CSRF token from the login page, then the session cookie. */
    private static void login(HttpClient browser, Server server) throws IOException, InterruptedException {
        String form = get(browser, server.url("/login"), null).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        String body = "username=admin&password=" + URLEncoder.encode(IntakeLoad.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> response = browser.send(
                HttpRequest.newBuilder(URI.create(server.url("/login")))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("form login failed: " + response.statusCode() + " " + location);
        }
    }

    interface Call {
        String run() throws Exception;
    }

    /** Run before each timed call, untimed: see {@link #writer}. */
    private Call writeBeforeEachCall = () -> "";

    /**
     * One message posted to {@code /v1/track}, as intake does all the time in production. H2 keeps a query's
     * result until a table it reads is written: without a write between them, repeated identical
     * searches were answered from that cache (0.1–0.5 ms) and hid what a search costs while intake runs (up to
     * 4 s). {@code --write-between-calls false} measures the cached case. The messages (user
     * {@code audit-load-writer}, event {@code Audit Load Write}) match none of the timed searches.
     */
    private Call writer(Server server) {
        if (!Boolean.parseBoolean(options.getOrDefault("write-between-calls", "true"))) {
            return () -> "";
        }
        HttpClient intake = IntakeLoad.client();
        String key = IntakeLoad.basic(IntakeLoad.WRITE_KEY, "");
        return () -> {
            String body = "{\"type\":\"track\",\"event\":\"Audit Load Write\",\"userId\":\"audit-load-writer\","
                    + "\"messageId\":\"" + UUID.randomUUID() + "\",\"properties\":{}}";
            HttpResponse<String> response = intake.send(
                    HttpRequest.newBuilder(URI.create(server.url("/v1/track")))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/v1/track answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        };
    }

    /** Three warm-ups, then {@code --queries} timed calls one after the other. */
    private Timing time(String name, String request, int target, Call call) throws Exception {
        // Full text (target -1) scans every payload: at 5 million messages a run takes seconds, so it is timed a
        // few times only; its figure is reported, not judged.
        int warmUps = target < 0 ? 1 : 3;
        int runs = target < 0 ? Math.min(3, queries) : queries;
        String found = null;
        for (int i = 0; i < warmUps; i++) {
            found = call.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            writeBeforeEachCall.run();
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        // In the order they ran: a single slow call shows whether it is the first (a cold cache) or comes later.
        StringBuilder inOrder = new StringBuilder();
        for (double one : ms) {
            inOrder.append(' ').append(Math.round(one));
        }
        java.util.Arrays.sort(ms);
        Timing timing = new Timing(
                name,
                request,
                target,
                ms[(int) Math.floor((ms.length - 1) * 0.50)],
                ms[(int) Math.ceil((ms.length - 1) * 0.95)],
                ms[ms.length - 1],
                found);
        print(String.format(
                "%-40s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  %s;  in order (ms):%s",
                name, timing.p50(), timing.p95(), timing.max(), found, inOrder));
        return timing;
    }

    private static String found(HttpResponse<String> response) {
        if (response.statusCode() == 422 && response.body().contains("search-too-broad")) {
            // Stopped by switchboard.audit.search-timeout: the time it took is the timeout, reported as such.
            return "422, stopped by the search timeout";
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return body.path("events").size() + " events" + (body.path("next").isString() ? " + next page" : "");
    }

    private static HttpResponse<String> get(HttpClient http, String url, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String raw) {
        List<String> parts = new ArrayList<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            parts.add(pair.substring(0, eq + 1) + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    // ---------------------------------------------------------------------------------------------- report

    static final class Result {
        final String db;
        /** Extra H2 URL settings of this measurement; empty for the default URL. */
        final String settings;

        Load load;
        String counts;
        long diskBytes;
        List<Timing> timings = List.of();

        Result(String db, String settings) {
            this.db = db;
            this.settings = settings;
        }
    }

    private static String table(List<Result> results, long messages, int queries) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "## Audit search with %,d stored messages%n%nGET over HTTP on 127.0.0.1 as admin, %d timed calls"
                        + " each after 3 warm-ups; milliseconds. Targets of issue #6: a search by user, by messageId,"
                        + " by rule + status ≤ %d ms; the list page ≤ %d ms.%n",
                messages, queries, SEARCH_TARGET_MS, PAGE_TARGET_MS));
        for (Result r : results) {
            out.append(String.format(
                    "%n### %s%n%nRows (messages / decisions / deliveries / attempts): %s. %s Database on disk: %,d MB.%n%n",
                    !r.db.equals("h2")
                            ? "PostgreSQL 14 (embedded, synchronous_commit on)"
                            : r.settings.isEmpty()
                                    ? "H2 (file, default URL)"
                                    : "H2 (file, default URL + `" + r.settings + "`)",
                    r.counts,
                    r.load == null
                            ? "Filled by an earlier run (--reuse)."
                            : String.format(
                                    "Load: %,d rows in %.0f s (%,.0f rows/s), indexes and ANALYZE %.0f s.",
                                    r.load.rows(),
                                    r.load.seconds(),
                                    r.load.rows() / r.load.seconds(),
                                    r.load.indexSeconds()),
                    r.diskBytes / 1_000_000));
            out.append("| Search | p50 | p95 | max | Answer | Target | Met |\n");
            out.append("|---|---:|---:|---:|---|---:|---|\n");
            for (Timing t : r.timings) {
                boolean measured = t.p50() >= 0;
                out.append(String.format(
                        "| %s `%s` | %s | %s | %s | %s | %s | %s |%n",
                        t.name(),
                        t.request(),
                        measured ? String.format("%.1f", t.p50()) : "–",
                        measured ? String.format("%.1f", t.p95()) : "–",
                        measured ? String.format("%.1f", t.max()) : "–",
                        t.found(),
                        t.target() > 0 ? "≤ " + t.target() : "–",
                        t.target() <= 0
                                ? "–"
                                : !measured ? "not built yet" : t.p95() <= t.target() ? "met" : "not met"));
            }
        }
        out.append("\nMet: p95 within the target.\n");
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String counts(Connection c) throws SQLException {
        List<String> counts = new ArrayList<>();
        for (String table : TABLES) {
            counts.add(String.format("%,d", single(c, "select count(*) from " + table)));
        }
        return String.join(" / ", counts);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getString(1);
        }
    }

    /** A user's messages, found by the user's lookup key as the application finds them (V71). */
    private static long messagesOf(Connection c, String userId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select count(*) from event_message where user_key = ? and user_id = ?")) {
            s.setLong(1, LookupKeys.keyOf(userId));
            s.setString(2, userId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String seconds(Instant since) {
        return String.format("%.1f", Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }

    private static void print(String line) {
        System.out.println(line);
    }

    // ---------------------------------------------------------------------------------------------- SQL dialects

    /** The few expressions H2 and PostgreSQL spell differently. */
    enum Dialect {
        H2(
                "system_range(%d, %d) r",
                e -> "lpad(substring(rawtohex(cast(cast(" + e + " as bigint) as binary(8))) from 5), 12, '0')",
                e -> "dateadd(millisecond, cast(" + e
                        + " as bigint), timestamp with time zone '1970-01-01 00:00:00+00')",
                e -> "formatdatetime(" + e + ", 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''', 'en', 'UTC')"),
        POSTGRES(
                "generate_series(cast(%d as bigint), %d) as r(x)",
                e -> "lpad(to_hex(cast(" + e + " as bigint)), 12, '0')",
                e -> "(to_timestamp(0) + cast(" + e + " as bigint) * interval '1 millisecond')",
                e -> "to_char((" + e + ") at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");

        private final String range;
        private final Function<String, String> hex12;
        private final Function<String, String> timestamp;
        private final Function<String, String> iso;

        Dialect(
                String range,
                Function<String, String> hex12,
                Function<String, String> timestamp,
                Function<String, String> iso) {
            this.range = range;
            this.hex12 = hex12;
            this.timestamp = timestamp;
            this.iso = iso;
        }

        /** A row source r with the column x from {@code first} to {@code last}. */
        String range(long first, long last) {
            return String.format(range, first, last);
        }

        /** 12 hexadecimal digits of a value below 2^48. */
        /** The expression's lookup key ({@code LookupKeys}), computed by the database. */
        String key(String expression) {
            return LookupKeySql.of("(" + expression + ")", this == POSTGRES);
        }

        String hex12(String expression) {
            return hex12.apply(expression);
        }

        /** The last {@code digits} hexadecimal digits of a value below 2^48. */
        String hex(String expression, int digits) {
            return "substring(" + hex12(expression) + " from " + (13 - digits) + ")";
        }

        String timestamp(String epochMillis) {
            return timestamp.apply(epochMillis);
        }

        String iso(String timestamp) {
            return iso.apply(timestamp);
        }
    }

    // ---------------------------------------------------------------------------------------------- generator

    /**
     * The INSERT ... SELECT statements of one chunk of messages. Every value derives from the message's row
     * number n (1 = oldest, N = newest, received now; 30 days between them) through fixed multiplicative hashes,
     * so the data looks varied but a run of the same size makes the same rows. Ids are UUIDv7 like
     * {@code message/Ids}: the received_at millisecond first, so they sort by time as the app's do.
     */
    static final class Generator {

        static final long USERS = 500_000;
        private static final long TWO_32 = 4_294_967_296L;

        private final Dialect d;
        private final long n;
        private final long endMillis;

        Generator(Dialect dialect, long messages, long endMillis) {
            this.d = dialect;
            this.n = messages;
            this.endMillis = endMillis;
        }

        static String userId(long k) {
            return String.format("usr_%06d", k);
        }

        /** The SKU in message {@code row}'s payload: 6 digits out of max(1000, N / 20), so each is in a few. */
        static String sku(long row, long messages) {
            return String.format("%06d", Math.floorMod(row * 2_246_822_519L, TWO_32) % skus(messages));
        }

        private static long skus(long messages) {
            return Math.max(1000, messages / 20);
        }

        /** A value in [0, 1) from the row number: a Weyl sequence, a different multiplier per attribute. */
        private static String unit(String row, long multiplier) {
            return "(cast(mod(" + row + " * " + multiplier + ", " + TWO_32 + ") as double precision) / " + TWO_32 + ")";
        }

        private static String bucket(String row, long multiplier, int size) {
            return "cast(floor(" + unit(row, multiplier) + " * " + size + ") as int)";
        }

        private static String pick(String index, List<String> values) {
            StringBuilder sql = new StringBuilder("case ").append(index);
            for (int i = 0; i < values.size(); i++) {
                sql.append(" when ")
                        .append(i)
                        .append(" then '")
                        .append(values.get(i))
                        .append("'");
            }
            return sql.append(" end").toString();
        }

        private static String str(String expression) {
            return "cast(" + expression + " as varchar)";
        }

        private String uuid(String millis, String randA, char variant, String slot, String row) {
            return "cast(" + d.hex12(millis) + " || '7' || " + d.hex(randA, 3) + " || '" + variant + "' || "
                    + d.hex(slot, 3) + " || " + d.hex12(row) + " as uuid)";
        }

        /** One row per message with its hashed attributes. */
        private String messagesSource(long first, long last) {
            String x = "r.x";
            String layer1 = "select " + x + " as n, " + endMillis + " - ((" + n + " - " + x + ") * " + SPAN_MS + ") / "
                    + n + " as ms, " + bucket(x, 2_654_435_761L, 100) + " as sb, " + bucket(x, 3_266_489_917L, 100)
                    + " as tb, " + bucket(x, 668_265_263L, EVENTS.size()) + " as ei, cast(floor(" + USERS + " * "
                    + unit(x, 374_761_393L) + " * " + unit(x, 374_761_393L) + ") as bigint) as uk, "
                    + bucket(x, 2_869_860_233L, 100) + " as ab, mod(mod(" + x + " * 2246822519, " + TWO_32 + "), "
                    + skus(n) + ") as sku, " + bucket(x, 1_500_450_271L, 100) + " as srcb, "
                    + bucket(x, 3_735_928_559L, 1000) + " as pb from " + d.range(first, last);
            String type = "case when sb >= 97 and sb < 99 then 'track' when tb < 70 then 'track' when tb < 85 then"
                    + " 'page' when tb < 95 then 'identify' when tb < 97 then 'screen' when tb < 99 then 'group'"
                    + " else 'alias' end";
            String status = "case when sb < 55 then 'no_match' when sb < 95 then 'routed' when sb < 97 then 'duplicate'"
                    + " when sb < 99 then 'rejected' else 'no_match' end";
            // The ISO text of received_at goes in the payload several times: made once per row (H2's
            // formatdatetime is the dearest expression here).
            return "(select l2.*, " + d.iso("ts") + " as iso from (select m.*, " + d.timestamp("ms") + " as ts, " + type
                    + " as type, " + status + " as status from (" + layer1 + ") m) l2) e";
        }

        /**
         * One row per matched (or error) rule decision of a routed message: slot 0 always, slot 1 for a fifth of
         * them. The rules that did not match are on the message row ({@link #unmatchedExpr}).
         */
        private String decisionsSource(long first, long last) {
            String row = "(e.n * 2 + s.k)";
            String rule0 = bucket("e.n", 2_654_435_789L, RULES.size());
            String rule = "case when s.k = 0 then " + rule0 + " else mod(" + rule0 + " + 1 + "
                    + bucket("e.n", 1_103_515_245L, RULES.size() - 1) + ", " + RULES.size() + ") end";
            String layer = "select e.*, s.k, " + rule + " as ri, case when s.k = 1 and "
                    + bucket("e.n", 2_891_336_453L, 100) + " < 5 then 1 else 0 end as failed, "
                    + bucket(row, 1_664_525L * 1_013L + 7L, 1000) + " as dsb, " + bucket(row, 22_695_477L, 100)
                    + " as ab2 from " + messagesSource(first, last)
                    + " join (values (0), (1)) as s(k) on s.k = 0 or " + bucket("e.n", 3_037_000_493L, 100)
                    + " < 20 where e.status = 'routed'";
            String status = "case when dsb < 930 then 'delivered' when dsb < 950 then 'dead' when dsb < 960 then"
                    + " 'failed' when dsb < 970 then 'pending' when dsb < 980 then 'invalid' else 'dry_run' end";
            String attempts = "case when dsb < 930 then (case when ab2 < 90 then 1 when ab2 < 97 then 2 else 3 end)"
                    + " when dsb < 950 then 3 when dsb < 960 then 1 when dsb < 965 then 1 + mod(ab2, 2) else 0 end";
            return "(select x.*, " + pick("ri", RULES) + " as rule_key, " + status + " as dstatus, " + attempts
                    + " as attempts from (" + layer + ") x) dd";
        }

        /**
         * The rules that did not match a routed or no_match message, as intake stores them since V50: one JSON
         * array on the message row, 3 rules for a routed message and 4 for a no_match one (none for rejected and
         * duplicate messages), each with a not-matched explanation. The rules differ from the matched ones of
         * {@link #decisionsSource}: slot 0 is rule0, slot 1 rule0 + 1 + b; these are rule0 + 1 + ((b + 1 + j) mod
         * 39).
         */
        private String unmatchedExpr() {
            String rule0 = bucket("n", 2_654_435_789L, RULES.size());
            String b = bucket("n", 1_103_515_245L, RULES.size() - 1);
            String trace = "{\"matched\":false,\"type\":{\"expected\":[\"' || type || '\"],\"actual\":\"' || type"
                    + " || '\",\"holds\":true},\"event\":null,\"all\":{\"group\":\"all\",\"holds\":false,"
                    + "\"children\":[{\"path\":\"$.traits.plan\",\"op\":\"equals\",\"expected\":\"enterprise\","
                    + "\"ignoreCase\":false,\"found\":[],\"holds\":false,\"hints\":[\"path not present\"]}]},"
                    + "\"any\":null,\"expression\":null}";
            StringBuilder sql = new StringBuilder("case when status in ('routed', 'no_match') then '['");
            for (int j = 0; j < 4; j++) {
                String ri = "mod(" + rule0 + " + 1 + mod(" + b + " + " + (j + 1) + ", " + (RULES.size() - 1) + "), "
                        + RULES.size() + ")";
                String element = "'{\"rule\":\"' || " + pick(ri, RULES) + " || '\",\"version\":' || "
                        + str("1 + mod(" + ri + ", 4)") + " || ',\"trace\":" + trace + "}'";
                if (j == 0) {
                    sql.append(" || ").append(element);
                } else if (j < 3) {
                    sql.append(" || ',' || ").append(element);
                } else {
                    sql.append(" || case when status = 'no_match' then ',' || ")
                            .append(element)
                            .append(" else '' end");
                }
            }
            return sql.append(" || ']' end").toString();
        }

        private String userExpr() {
            return "case when ab < 5 and type <> 'identify' then null else 'usr_' || lpad(" + str("uk")
                    + ", 6, '0') end";
        }

        private String anonymousExpr() {
            // Anonymous-only visitors come back a few times; known users keep one anonymousId.
            return "case when ab < 5 and type <> 'identify' then 'anon-' || "
                    + d.hex12("mod((n / 4) * 2654435761, " + TWO_32 + " * 65536)") + " else 'anon-' || "
                    + d.hex12("mod((uk + 1) * 3266489917, " + TWO_32 + " * 65536)") + " end";
        }

        private String messageIdExpr() {
            return "'ajs-next-' || " + d.hex12("mod(n * 668265263, " + TWO_32 + " * 65536)") + " || '-' || " + str("n");
        }

        private String sourceExpr() {
            return "case when srcb < 75 then 'web' when srcb < 90 then 'ios' else 'android' end";
        }

        private String eventExpr() {
            return "case when status = 'rejected' then null when type = 'track' then " + pick("ei", EVENTS)
                    + " when type in ('page', 'screen') then " + pick("mod(ei, " + PAGES.size() + ")", PAGES)
                    + " else null end";
        }

        private String price() {
            return str("5 + mod(pb, 195)") + " || '.' || lpad(" + str("mod(pb * 7, 100)") + ", 2, '0')";
        }

        /** About 1 KB of Segment JSON, as intake stores it. */
        private String payloadExpr() {
            String iso = "iso";
            String sku = "lpad(" + str("sku") + ", 6, '0')";
            String user = userExpr();
            String specific = "case"
                    + " when type = 'track' then '\"event\":' || coalesce('\"' || (" + eventExpr()
                    + ") || '\"', 'null') || ',\"properties\":{\"sku\":\"SKU-' || " + sku
                    + " || '\",\"product_id\":\"p-' || " + str("mod(sku, 9973)") + " || '\",\"name\":\"' || "
                    + pick(
                            "mod(pb, 8)",
                            List.of(
                                    "Trail Runner",
                                    "City Bag",
                                    "Rain Jacket",
                                    "Wool Hat",
                                    "Sneaker Pro",
                                    "Puzzle Box",
                                    "Cookbook",
                                    "Leather Boot"))
                    + " || '\",\"category\":\"' || "
                    + pick("mod(pb, 8)", List.of("Shoes", "Bags", "Jackets", "Hats", "Shoes", "Toys", "Books", "Shoes"))
                    + " || '\",\"brand\":\"' || "
                    + pick("mod(pb, 5)", List.of("Northwind", "Contoso", "Fabrikam", "Tailspin", "Adventure Works"))
                    + " || '\",\"price\":' || " + price() + " || ',\"currency\":\"EUR\",\"quantity\":' || "
                    + str("1 + mod(pb, 3)") + " || ',\"coupon\":' || case when mod(pb, 10) = 0 then '\"AUTUMN'"
                    + " || " + str("mod(pb, 50)") + " || '\"' else 'null' end || ',\"order_id\":\"ord-' || "
                    + str("n") + " || '\",\"url\":\"https://shop.example.com/p/' || " + sku + " || '\"}'"
                    + " when type in ('page', 'screen') then '\"name\":\"' || (" + eventExpr()
                    + ") || '\",\"properties\":{\"path\":\"/' || lower(" + eventExpr()
                    + ") || '/' || " + sku + " || '\",\"title\":\"' || (" + eventExpr()
                    + ") || ' | Shop\",\"url\":\"https://shop.example.com/' || lower(" + eventExpr() + ") || '/' || "
                    + sku + " || '\",\"search\":\"\",\"referrer\":\"https://www.google.com/\"}'"
                    + " when type = 'identify' then '\"traits\":{\"email\":\"' || (" + user
                    + ") || '@example.com\",\"firstName\":\"' || "
                    + pick("mod(uk, 6)", List.of("Ada", "Grace", "Linus", "Jane", "Alan", "Margaret"))
                    + " || '\",\"lastName\":\"' || "
                    + pick("mod(uk / 6, 5)", List.of("Lovelace", "Hopper", "Doe", "Turing", "Hamilton"))
                    + " || '\",\"plan\":\"' || " + pick("mod(uk, 3)", List.of("free", "pro", "team"))
                    + " || '\",\"createdAt\":\"' || " + iso
                    + " || '\",\"address\":{\"city\":\"Berlin\",\"country\":\"DE\"}}'"
                    + " when type = 'group' then '\"groupId\":\"grp-' || " + str("mod(uk, 1000)")
                    + " || '\",\"traits\":{\"name\":\"Team ' || " + str("mod(uk, 1000)") + " || '\",\"employees\":' || "
                    + str("mod(uk, 500) + 1") + " || '}'"
                    + " else '\"previousId\":\"' || (" + anonymousExpr() + ") || '\"' end";
            return "'{\"type\":\"' || type || '\",\"messageId\":\"' || (" + messageIdExpr() + ") || '\",\"userId\":' ||"
                    + " coalesce('\"' || (" + user + ") || '\"', 'null') || ',\"anonymousId\":\"' || ("
                    + anonymousExpr() + ") || '\",' || (" + specific + ") || ',\"context\":{\"ip\":\"10.' || "
                    + str("mod(uk, 250)") + " || '.' || " + str("mod(uk / 250, 250)") + " || '.' || "
                    + str("mod(n, 250)") + " || '\",\"locale\":\"' || "
                    + pick("mod(uk, 4)", List.of("de-DE", "en-US", "fr-FR", "nl-NL"))
                    + " || '\",\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.72.0\"},"
                    + "\"userAgent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/130.0.0.0 Safari/537.36\",\"campaign\":{\"source\":\"newsletter\",\"medium\":\"email\","
                    + "\"name\":\"autumn-sale-' || " + str("mod(n, 12)") + " || '\"}},\"integrations\":{},"
                    + "\"originalTimestamp\":\"' || " + iso + " || '\",\"timestamp\":\"' || " + iso
                    + " || '\",\"sentAt\":\"' || " + iso + " || '\",\"receivedAt\":\"' || " + iso
                    + " || '\",\"version\":2}'";
        }

        private String transactionId() {
            return "'sb-' || " + d.hex12("mod((n * 2 + k) * 2654435761, " + TWO_32 + " * 65536)") + " || "
                    + d.hex12("n * 2 + k") + " || " + d.hex("mod(n * 40503, 65536)", 4) + " || "
                    + d.hex("mod(k * 3, 4096)", 4);
        }

        List<String> inserts(long first, long last) {
            String iso = "iso";
            String events = "insert into event_message (id, source, message_id, type, event, user_id, anonymous_id,"
                    + " status, reject_reason, received_at, event_timestamp, payload, unmatched_decisions,"
                    + " message_key, user_key, anonymous_key) select "
                    + uuid("ms", "mod(n, 4096)", '8', "0", "n") + ", " + sourceExpr() + ", " + messageIdExpr()
                    + ", type, " + eventExpr() + ", " + userExpr() + ", " + anonymousExpr() + ", status,"
                    + " case when status = 'rejected' then 'event_not_defined: A track needs an event name.' end, ts, "
                    + d.timestamp("ms - 250") + ", " + payloadExpr() + ", " + unmatchedExpr() + ", "
                    + d.key(messageIdExpr()) + ", " + d.key(userExpr()) + ", " + d.key(anonymousExpr()) + " from "
                    + messagesSource(first, last);

            String decisions = "insert into rule_decision (id, event_id, rule_key, rule_version, outcome, error, trace,"
                    + " decided_at) select " + uuid("ms", "mod(n, 4096)", '9', "k + 1", "n") + ", "
                    + uuid("ms", "mod(n, 4096)", '8', "0", "n") + ", rule_key, 1 + mod(ri, 4), case when failed = 1"
                    + " then 'error' else 'matched' end, case when failed = 1 then 'condition $.properties.price gte"
                    + " 20: cannot compare a missing value with a number' end, '{\"rule\":\"' || rule_key ||"
                    + " '\",\"version\":' || " + str("1 + mod(ri, 4)") + " || ',\"matched\":' || case when failed = 1"
                    + " then 'false' else 'true' end || ',\"match\":{\"type\":[\"' || type || '\"]},\"conditions\":"
                    + "[{\"path\":\"$.properties.price\",\"op\":\"gte\",\"value\":20,\"result\":true},"
                    + "{\"path\":\"$.context.locale\",\"op\":\"in\",\"value\":[\"de-DE\",\"en-US\"],\"result\":true}]}',"
                    + " ts from " + decisionsSource(first, last);

            String finished = "case when dstatus in ('delivered', 'dead', 'failed') then "
                    + d.timestamp("ms + 200 + (attempts - 1) * 30000")
                    + " when dstatus in ('invalid', 'dry_run') then ts end";
            String deliveries = "insert into delivery (id, event_id, source, message_id, rule_key, rule_version,"
                    + " action_index, action_type, user_id, method, path, body, transaction_id, idempotency_key,"
                    + " status, attempts, created_at, due_at, last_http_status, last_error, novu_transaction_id,"
                    + " finished_at, retry_budget_from, user_key, transaction_key) select "
                    + uuid("ms", "mod(n, 4096)", 'a', "k + 1", "n")
                    + ", " + uuid("ms", "mod(n, 4096)", '8', "0", "n") + ", " + sourceExpr() + ", " + messageIdExpr()
                    + ", rule_key, 1 + mod(ri, 4), 0, case when ab2 < 90 then 'trigger' else 'identify' end, "
                    + userExpr() + ", 'POST', case when ab2 < 90 then '/v1/events/trigger' else '/v2/subscribers' end,"
                    + " case when ab2 < 90 then '{\"name\":\"' || rule_key || '\",\"to\":{\"subscriberId\":\"' ||"
                    + " coalesce(" + userExpr() + ", 'anonymous') || '\",\"email\":\"' || coalesce(" + userExpr()
                    + ", 'anonymous') || '@example.com\"},\"payload\":{\"event\":\"' || coalesce(" + eventExpr()
                    + ", type) || '\",\"sku\":\"SKU-' || lpad(" + str("sku") + ", 6, '0') || '\",\"price\":' || "
                    + price() + " || ',\"currency\":\"EUR\",\"url\":\"https://shop.example.com/p/' || lpad("
                    + str("sku") + ", 6, '0') || '\",\"messageId\":\"' || " + messageIdExpr()
                    + " || '\",\"receivedAt\":\"' || " + iso + " || '\"},\"overrides\":{},\"transactionId\":\"' || "
                    + transactionId() + " || '\"}' else '{\"subscriberId\":\"' || coalesce(" + userExpr()
                    + ", 'anonymous') || '\",\"email\":\"' || coalesce(" + userExpr() + ", 'anonymous') ||"
                    + " '@example.com\",\"locale\":\"de-DE\",\"data\":{\"plan\":\"pro\",\"source\":\"segment\"}}' end, "
                    + transactionId() + ", 'sb-' || case when ab2 < 90 then 'trigger' else 'identify' end || '-' || "
                    + d.hex12("mod((n * 2 + k) * 3266489917, " + TWO_32 + " * 65536)") + " || "
                    + d.hex12("n * 2 + k") + " || " + d.hex("mod(n * 7, 65536)", 4) + " || "
                    + d.hex("mod(k, 4096)", 4) + ", dstatus, attempts, ts, case when dstatus = 'pending' then "
                    + d.timestamp(endMillis + " + 60000")
                    + " else ts end, case dstatus when 'delivered' then 201 when 'dead' then 503 when 'failed' then 422"
                    + " when 'pending' then case when attempts > 0 then 429 end end, case dstatus when 'dead' then"
                    + " 'HTTP 503: Service Unavailable; gave up after 3 attempts' when 'failed' then 'HTTP 422:"
                    + " workflow_not_found' when 'invalid' then 'to.subscriberId: the message has no userId' when"
                    + " 'pending' then case when attempts > 0 then 'HTTP 429: rate limited, retrying' end end, case"
                    + " when dstatus = 'delivered' then " + transactionId() + " end, " + finished
                    + ", case when attempts > 0 then ts end, " + d.key(userExpr()) + ", " + d.key(transactionId())
                    + " from " + decisionsSource(first, last)
                    + " where failed = 0";

            String attemptMillis = "ms + 150 + (a.i - 1) * 30000";
            String attempts = "insert into delivery_attempt (id, delivery_id, attempt, attempted_at, http_status,"
                    + " latency_ms, outcome, response_excerpt, error) select "
                    + uuid(attemptMillis, "mod(n, 4096)", 'b', "k * 4 + a.i", "n") + ", "
                    + uuid("ms", "mod(n, 4096)", 'a', "k + 1", "n") + ", a.i, " + d.timestamp(attemptMillis)
                    + ", case when a.i < attempts or dstatus = 'pending' then case when mod(n, 2) = 0 then 503 else"
                    + " 429 end when dstatus = 'delivered' then 201 when dstatus = 'dead' then 503 else 422 end, 40 +"
                    + " mod(n * 7 + a.i, 400), case when dstatus = 'delivered' and a.i = attempts then 'delivered'"
                    + " when dstatus = 'failed' then 'permanent' else 'retry' end, case when dstatus = 'delivered'"
                    + " and a.i = attempts then '{\"data\":{\"acknowledged\":true,\"status\":\"processed\","
                    + "\"transactionId\":\"' || " + transactionId() + " || '\"}}' when dstatus = 'failed' then"
                    + " '{\"statusCode\":422,\"message\":\"workflow_not_found\"}' else '{\"statusCode\":503,"
                    + "\"message\":\"Service Unavailable\"}' end, case when dstatus = 'delivered' and a.i = attempts"
                    + " then null else 'HTTP ' || case when a.i < attempts or dstatus = 'pending' then case when"
                    + " mod(n, 2) = 0 then '503' else '429' end when dstatus = 'dead' then '503' else '422' end end"
                    + " from " + decisionsSource(first, last) + " join (values (1), (2), (3)) as a(i) on a.i <="
                    + " attempts where failed = 0";
            return List.of(events, decisions, deliveries, attempts);
        }
    }
}
