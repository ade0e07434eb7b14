/**
 * The Novu API: where it is, how Switchboard authenticates, and how it is called. {@link
 * dev.switchboard.novu.NovuClient} sends each stored request byte for byte and classifies the answer into a
 * {@link dev.switchboard.novu.NovuResult}: delivered, permanent failure or worth retrying.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"message", "web", "settings"})
package dev.switchboard.novu;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
