/** Storage of rules: drafts, immutable published versions and the catalog revision other instances poll. */
@NullMarked
package dev.switchboard.rules.catalog;

import org.jspecify.annotations.NullMarked;
