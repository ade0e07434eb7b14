package dev.switchboard.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The body of an intake request, already gunzipped and checked against the size limit. Read once by
 * {@link IntakeBodyFilter} and kept on the request so that authentication (which may need the body's
 * {@code writeKey}) and the controller share one copy.
 */
public record IntakeBody(byte[] bytes) {

    private static final String ATTRIBUTE = IntakeBody.class.getName();

    public static Optional<IntakeBody> of(HttpServletRequest request) {
        return Optional.ofNullable((IntakeBody) request.getAttribute(ATTRIBUTE));
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
