/** The settings page (admins): the configuration in effect and the Segment write keys. */
@NullMarked
package dev.switchboard.admin.settings;

import org.jspecify.annotations.NullMarked;
