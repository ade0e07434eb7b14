/**
 * Delivery to Novu: the outbox that intake writes in its own transaction, and the workers that send it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"novu", "message", "web"})
package dev.switchboard.dispatch;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
