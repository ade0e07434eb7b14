package dev.switchboard.rules;

/** No rule (or no such version of it) exists under that key. */
public class RuleNotFoundException extends RuntimeException {

    private RuleNotFoundException(String message) {
        super(message);
    }

    public static RuleNotFoundException forKey(String key) {
        return new RuleNotFoundException("No rule has the key " + key + ".");
    }

    public static RuleNotFoundException forVersion(String key, int version) {
        return new RuleNotFoundException("Rule " + key + " has no version " + version + ".");
    }
}
