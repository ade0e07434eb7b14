/** The overview page and its read model of the last 24 hours. */
@NullMarked
package dev.switchboard.admin.overview;

import org.jspecify.annotations.NullMarked;
