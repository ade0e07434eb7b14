package dev.switchboard.mapping;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ISO-8601 duration field ({@code delay}, {@code within}). A literal is parsed once at compile time so a
 * typo is refused on save; a mapped one is parsed per message and makes the action invalid when it is bad.
 */
final class DurationField {

    private final @Nullable Duration fixed;
    private final @Nullable MappedValue mapped;

    private DurationField(@Nullable Duration fixed, @Nullable MappedValue mapped) {
        this.fixed = fixed;
        this.mapped = mapped;
    }

    static DurationField compile(MappedValue value, String location, List<MappingProblem> problems) {
        if (value instanceof MappedValue.Constant constant) {
            try {
                return new DurationField(parse(constant.value(), "the literal value"), null);
            } catch (IllegalArgumentException e) {
                problems.add(new MappingProblem(location, e.getMessage()));
                return new DurationField(null, null);
            }
        }
        if (value.fixedType() != null && !value.fixedType().equals("string")) {
            problems.add(new MappingProblem(location, "must be an ISO-8601 duration string such as PT2H"));
        }
        return new DurationField(null, value);
    }

    /** The duration for this message, or {@code null} when a mapped value gives nothing. */
    @Nullable
    Duration read(FieldReader reader, String field) {
        if (mapped == null) {
            return fixed;
        }
        Object value = reader.resolve(mapped);
        if (value == MappedValue.ABSENT || value == null) {
            return null;
        }
        try {
            return parse(value, mapped.describe());
        } catch (IllegalArgumentException e) {
            throw InvalidFieldException.of(field, e.getMessage());
        }
    }

    Duration require(FieldReader reader, String field) {
        Duration duration = read(reader, field);
        if (duration == null) {
            throw InvalidFieldException.of(field, mapped == null ? "is required" : mapped.absentReason());
        }
        return duration;
    }

    private static Duration parse(@Nullable Object value, String source) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(source + " must be an ISO-8601 duration string such as PT2H or P1D");
        }
        Duration duration;
        try {
            duration = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text
                    + "\" is not an ISO-8601 duration in days, hours, minutes or seconds, such as PT2H or P1D");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("\"" + text + "\" is negative");
        }
        return duration;
    }
}
