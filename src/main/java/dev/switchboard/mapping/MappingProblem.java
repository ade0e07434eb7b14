package dev.switchboard.mapping;

/** Something wrong in a rule's actions, with where it is ({@code actions[0].to.subscriberId}). */
public record MappingProblem(String location, String message) {}
