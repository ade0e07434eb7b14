/** The Novu API: where it is, how Switchboard authenticates, and (with the dispatcher) how it is called. */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "web"})
package dev.switchboard.novu;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
