package dev.switchboard.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details with stable type URIs. Controllers return {@link ProblemDetail}s built here;
 * servlet filters, which run before Spring MVC, write them with {@link #write}.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:switchboard:problem:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** A problem of the given kind, e.g. {@code forStatus(BAD_REQUEST, "malformed-json", "...")}. */
    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            problem.setProperty(RequestIdFilter.KEY, requestId);
        }
        return problem;
    }

    /** Writes a problem as {@code application/problem+json}, for code that runs outside Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
