package dev.switchboard.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a first start without any write key, creates one so that a newcomer can send events straight away. It is
 * printed this once: only its hash is stored.
 */
@Component
@Order(1)
class FirstWriteKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstWriteKey.class);

    private final WriteKeys writeKeys;

    FirstWriteKey(WriteKeys writeKeys) {
        this.writeKeys = writeKeys;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (writeKeys.anyConfigured()) {
            return;
        }
        String key = writeKeys.create("default");
        log.warn(
                "\n\n  First start: created the Segment write key  {}  for source 'default'.\n"
                        + "  It is shown only this once. Or set SWITCHBOARD_INGEST_WRITE_KEYS to your own keys.\n",
                key);
    }
}
