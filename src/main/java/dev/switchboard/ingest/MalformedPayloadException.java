package dev.switchboard.ingest;

/** The body is not JSON, or not the JSON shape an endpoint takes. Answered with 400. */
class MalformedPayloadException extends RuntimeException {

    private MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    static MalformedPayloadException of(String message) {
        return new MalformedPayloadException(message, null);
    }

    static MalformedPayloadException because(String message, Throwable cause) {
        return new MalformedPayloadException(message, cause);
    }
}
