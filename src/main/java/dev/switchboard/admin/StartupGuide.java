package dev.switchboard.admin;

import dev.switchboard.config.Databases;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.security.AdminProperties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started Switchboard where it is, how to log in, whether deliveries really go to Novu, and, on the
 * embedded H2, that PostgreSQL is the database for production traffic.
 */
@Component
class StartupGuide {

    private static final Logger log = LoggerFactory.getLogger(StartupGuide.class);

    /**
     * Why H2 is for trying out: with the ids real Segment senders make (random messageIds and anonymousIds) it took
     * in about 5,000 events/s in the load run against PostgreSQL's 20,000, and its file grew to 23 GB in 12 minutes
     * (README, Figures). No URL is printed: a JDBC URL may carry a password.
     */
    private static final String H2_ADVICE = "embedded H2 file - fine for trying Switchboard out and modest traffic;"
            + " for production set SPRING_DATASOURCE_URL to a PostgreSQL database (README, PostgreSQL).";

    private final NovuClient novu;
    private final AdminProperties admin;
    private final DataSource dataSource;

    StartupGuide(NovuClient novu, AdminProperties admin, DataSource dataSource) {
        this.novu = novu;
        this.admin = admin;
        this.dataSource = dataSource;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        log.info(
                "\n\n  Switchboard is ready: http://localhost:{}\n"
                        + "  Log in as '{}' with SWITCHBOARD_ADMIN_PASSWORD, or the password printed at the first start.\n"
                        + "  Segment: POST http://localhost:{}/v1/batch (or /v1/track, ...) with a write key.\n"
                        + "  Novu: {}\n"
                        + "  Database: {}\n",
                port,
                admin.username(),
                port,
                novu.dryRun()
                        ? "DRY RUN - no API key (SWITCHBOARD_NOVU_API_KEY), deliveries are recorded, not sent."
                        : "sending to " + novu.connection().baseUrl(),
                Databases.isPostgres(dataSource) ? "PostgreSQL" : H2_ADVICE);
    }
}
