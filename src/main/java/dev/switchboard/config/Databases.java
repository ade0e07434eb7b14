package dev.switchboard.config;

import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;

/** Which database Switchboard runs on, for the few places where H2 and PostgreSQL want different handling. */
public final class Databases {

    private Databases() {}

    /** True on PostgreSQL; false on H2, and when the database cannot be asked (it is then treated as H2). */
    public static boolean isPostgres(DataSource dataSource) {
        try {
            String product =
                    JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
        } catch (Exception e) {
            return false;
        }
    }
}
