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

    /** The body of a request to an intake path, which {@link IntakeBodyFilter} reads before anything else runs. */
    static byte[] bytesOf(HttpServletRequest request) {
        return of(request)
                .orElseThrow(() -> new IllegalStateException("the intake body filter did not run"))
                .bytes();
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
