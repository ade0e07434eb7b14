/**
 * The deliveries page: failed and dead deliveries grouped by rule and reason, the list behind each group, and
 * sending them again one by one, a selection at a time, or everything a filter matches.
 */
@NullMarked
package dev.switchboard.admin.deliveries;

import org.jspecify.annotations.NullMarked;
