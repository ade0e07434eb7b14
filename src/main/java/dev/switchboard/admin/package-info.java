/** Pages for people (Thymeleaf) and the first-run guidance printed at start. */
@NullMarked
@ApplicationModule(allowedDependencies = {"audit", "novu", "security", "web"})
package dev.switchboard.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
