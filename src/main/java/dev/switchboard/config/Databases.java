package dev.switchboard.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.JdbcUtils;

/** Which database Switchboard runs on, for the few places where H2 and PostgreSQL want different handling. */
public final class Databases {

    private Databases() {}

    /** True on PostgreSQL; false on H2, and when the database cannot be asked (it is then treated as H2). */
    public static boolean isPostgres(DataSource dataSource) {
        try {
            return isPostgresProduct(
                    JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName()));
        } catch (Exception e) {
            return false;
        }
    }

    /** The same for a connection in hand (a migration's). */
    public static boolean isPostgres(Connection connection) throws SQLException {
        return isPostgresProduct(connection.getMetaData().getDatabaseProductName());
    }

    private static boolean isPostgresProduct(@Nullable String product) {
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }
}
