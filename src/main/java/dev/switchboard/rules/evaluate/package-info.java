/** Finding the rules a message could match without looking at the others. */
@NullMarked
package dev.switchboard.rules.evaluate;

import org.jspecify.annotations.NullMarked;
