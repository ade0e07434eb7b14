package dev.switchboard.dispatch;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The deliveries page's SQL on H2, in a database of its own. */
class DeliveryGroupsTests extends DeliveryGroupsContract {

    private static final DataSource H2 = new SimpleDriverDataSource(
            new org.h2.Driver(), "jdbc:h2:mem:groups-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @Override
    DataSource dataSource() {
        return H2;
    }
}
