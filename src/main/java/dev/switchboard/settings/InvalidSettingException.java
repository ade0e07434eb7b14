package dev.switchboard.settings;

/** A value that is not valid for its setting; the message says why, for the field. */
public class InvalidSettingException extends RuntimeException {

    private final Setting setting;

    private InvalidSettingException(Setting setting, String message) {
        super(message);
        this.setting = setting;
    }

    static InvalidSettingException of(Setting setting, String problem) {
        return new InvalidSettingException(setting, problem);
    }

    public Setting setting() {
        return setting;
    }
}
