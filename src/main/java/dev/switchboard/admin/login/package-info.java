/** The login page. */
@NullMarked
package dev.switchboard.admin.login;

import org.jspecify.annotations.NullMarked;
