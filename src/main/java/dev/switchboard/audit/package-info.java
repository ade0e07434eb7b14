/**
 * The audit log read back (every message with its decisions, deliveries and attempts), per-rule statistics,
 * the configuration audit, retention and the purge of one person's data. Reads the tables intake and dispatch
 * write with SQL only; nothing else depends on this module except the pages.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "web", "ingest", "rules", "settings"})
package dev.switchboard.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
