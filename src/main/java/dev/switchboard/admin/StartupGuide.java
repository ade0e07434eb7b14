package dev.switchboard.admin;

import dev.switchboard.novu.NovuClient;
import dev.switchboard.security.AdminProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Switchboard where it is, how to log in and whether deliveries really go to Novu. */
@Component
class StartupGuide {

    private static final Logger log = LoggerFactory.getLogger(StartupGuide.class);

    private final NovuClient novu;
    private final AdminProperties admin;

    StartupGuide(NovuClient novu, AdminProperties admin) {
        this.novu = novu;
        this.admin = admin;
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
                        + "  Novu: {}\n",
                port,
                admin.username(),
                port,
                novu.dryRun()
                        ? "DRY RUN - no API key (SWITCHBOARD_NOVU_API_KEY), deliveries are recorded, not sent."
                        : "sending to " + novu.connection().baseUrl());
    }
}
