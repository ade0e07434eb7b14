/** The rules pages: the list, the builder with test and backtest, history and roll back, import and export. */
@NullMarked
package dev.switchboard.admin.rules;

import org.jspecify.annotations.NullMarked;
