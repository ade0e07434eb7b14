/** The users page (admins) and changing one's own password. */
@NullMarked
package dev.switchboard.admin.users;

import org.jspecify.annotations.NullMarked;
