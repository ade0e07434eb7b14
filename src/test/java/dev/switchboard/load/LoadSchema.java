package dev.switchboard.load;

import java.util.List;

/**
 * Which schema the intake load run's Switchboard migrates to ({@code --schema}). {@link #FULL} is the real one.
 * {@link #MINIMAL} adds {@code src/test/resources/load/minimal-schema}, which drops every secondary index of intake's
 * tables except de-duplication's unique index: the least the architecture's one transaction can write (the message,
 * its decisions and outbox rows, and the messageId lookup). {@code /v1/batch} on it is an upper bound for intake
 * against its storage floor, whatever indexes the features may give up. For intake phases only: without the outbox's
 * indexes dispatch's claim reads the whole outbox for every due row.
 */
enum LoadSchema {
    FULL(List.of(), ""),
    MINIMAL(
            List.of("--spring.flyway.locations=classpath:db/migrations,classpath:load/minimal-schema"),
            " Schema: minimal (an experiment: every secondary index of intake's tables dropped but de-duplication's).");

    private final List<String> applicationArguments;
    private final String description;

    LoadSchema(List<String> applicationArguments, String description) {
        this.applicationArguments = applicationArguments;
        this.description = description;
    }

    static LoadSchema of(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "minimal" -> MINIMAL;
            default -> throw new IllegalArgumentException("--schema is full or minimal, not " + name);
        };
    }

    List<String> applicationArguments() {
        return applicationArguments;
    }

    /** A sentence for the results' heading, empty for the real schema. */
    String description() {
        return description;
    }
}
