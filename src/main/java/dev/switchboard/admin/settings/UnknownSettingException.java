package dev.switchboard.admin.settings;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A setting name that does not exist (a hand-made request). */
@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownSettingException extends RuntimeException {

    UnknownSettingException(String name) {
        super("no such setting: " + name);
    }
}
