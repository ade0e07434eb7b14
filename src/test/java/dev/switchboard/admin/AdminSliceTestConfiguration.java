package dev.switchboard.admin;

import dev.switchboard.security.PageSecurityTestConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** What every admin page slice needs besides its controller: security as in production and the formatter. */
@TestConfiguration(proxyBeanMethods = false)
@Import({PageSecurityTestConfiguration.class, Formats.class})
public class AdminSliceTestConfiguration {}
