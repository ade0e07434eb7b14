package dev.switchboard.mapping;

/** Where an action sits: the rule it belongs to and its position in the rule's action list (from 0). */
public record ActionContext(String ruleKey, int actionIndex) {}
