/**
 * Trying rules without consequences: test one message against the live rules or against drafts, and backtest a
 * draft over stored traffic. Nothing is stored and nothing is sent.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"rules", "mapping", "ingest", "message", "web"})
package dev.switchboard.simulation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
