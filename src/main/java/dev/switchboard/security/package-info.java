/**
 * Who may do what: write keys and the webhook signature at intake, HTTP Basic for the JSON API, form login for
 * pages; people and their roles (viewer, editor, admin).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"ingest", "message", "web", "settings"})
package dev.switchboard.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
