/** Infrastructure (clock, scheduling, group commit); no business code. */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.switchboard.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
