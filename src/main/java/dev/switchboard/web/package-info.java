/** Web plumbing shared by every module: RFC 9457 problem responses written outside Spring MVC. */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.switchboard.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
