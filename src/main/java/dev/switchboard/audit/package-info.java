/** The audit log read back: stored messages (and, as the engine grows, their decisions and deliveries). */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "web"})
package dev.switchboard.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
