package dev.switchboard.support;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database's plan for a statement ({@code explain}), as one text, for tests that check which index it reads. */
public final class QueryPlans {

    private QueryPlans() {}

    public static String explain(JdbcClient jdbc, String sql) {
        return explain(jdbc, sql, List.of());
    }

    /** With positional parameters ({@code ?}). */
    public static String explain(JdbcClient jdbc, String sql, List<?> params) {
        return String.join(
                "\n",
                jdbc.sql("explain " + sql).params(params).query(String.class).list());
    }

    /** With named parameters ({@code :name}). */
    public static String explain(JdbcClient jdbc, String sql, Map<String, ?> params) {
        return String.join(
                "\n",
                jdbc.sql("explain " + sql).params(params).query(String.class).list());
    }
}
