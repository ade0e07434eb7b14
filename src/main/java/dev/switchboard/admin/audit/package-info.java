/** The audit pages: the searchable message list, one message's chain with retry, the configuration audit. */
@NullMarked
package dev.switchboard.admin.audit;

import org.jspecify.annotations.NullMarked;
