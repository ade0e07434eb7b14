/**
 * The MVEL sandbox. MVEL itself has no sandbox, so this is an allow-list in three layers: our own grammar for a
 * small expression language (message variables, literals, arithmetic, comparison, boolean logic, ternary and
 * allow-listed methods) that refuses everything else with position and reason and re-emits the expression in a
 * fully parenthesised form with field reads as map lookups; a walk over the AST MVEL compiles from that form,
 * accepting only known node types; and at run time a variable factory that exposes only the message's top-level
 * fields, creates no variables and enforces a time budget.
 */
@NullMarked
package dev.switchboard.rules.mvel;

import org.jspecify.annotations.NullMarked;
