/**
 * Pages for people (Thymeleaf, htmx for the interactive parts): overview, rules and their builder, test,
 * backtest and history, import and export, users, the audit log and the configuration audit. Pages call the facades of other modules, never HTTP.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "config",
            "ingest",
            "novu",
            "rules",
            "simulation",
            "security",
            "settings",
            "dispatch",
            "web"
        })
package dev.switchboard.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
