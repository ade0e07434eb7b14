/**
 * Segment intake: the HTTP Tracking API ({@code /v1/track} ... {@code /v1/batch}, {@code /v1/import}) and the
 * Segment Webhooks destination. Validates, de-duplicates and stores every message before Segment gets its 200.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "web", "rules", "mapping", "dispatch", "config"})
package dev.switchboard.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
