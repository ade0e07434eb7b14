/**
 * The Segment message as every other module sees it: a JSON tree of plain Java values ({@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}) plus compiled paths into it.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.switchboard.message;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
