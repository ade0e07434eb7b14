package dev.switchboard.rules;

/** Something wrong in a rule, with where it is: {@code key}, {@code when.all[1].path}, {@code actions[0].to}. */
public record RuleProblem(String location, String message) {

    /** The same problem seen from a containing document, e.g. {@code rules[3]}. */
    public RuleProblem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new RuleProblem(location.isEmpty() ? prefix : prefix + "." + location, message);
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
