package dev.switchboard.dispatch;

import dev.switchboard.support.EmbeddedPostgresSupport;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The deliveries page's SQL on a real PostgreSQL (embedded), in a database of its own. */
class DeliveryGroupsPostgresTests extends DeliveryGroupsContract {

    private static DataSource postgres;

    @Override
    synchronized DataSource dataSource() {
        if (postgres == null) {
            postgres = new DriverManagerDataSource(
                    EmbeddedPostgresSupport.newDatabase("delivery_groups"), "postgres", "postgres");
        }
        return postgres;
    }
}
