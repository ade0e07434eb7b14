/** The JSON API for rules under {@code /api/rules}: what automation and the admin pages use. */
@NullMarked
package dev.switchboard.rules.api;

import org.jspecify.annotations.NullMarked;
