package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A correlation id per request, over real HTTP: in the X-Request-Id header, in problem details, on the 5xx page
 * and in the log line of the failure, so what a user quotes leads the operator to the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(RequestIdIntegrationTests.Failing.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIntegrationTests {

    /** Test-only: a handler that fails the way a bug would. */
    @RestController
    static class Failing {

        @GetMapping("/api/test-only/fail")
        String fail() {
            throw new IllegalStateException("a bug for the request id test");
        }
    }

    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theErrorPageShowsTheIdThatIsInTheHeaderAndTheLog(CapturedOutput output) throws Exception {
        var response = get("/api/test-only/fail", "Authorization", ADMIN, "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(500);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(response.body()).contains("Something went wrong", "id=\"request-id\">" + id + "<");
        assertThat(output.getAll()).containsPattern("\\[" + id + " *\\].*failed \\(request id " + id + "\\)");
    }

    @Test
    void honoursASafeIncomingIdAndReplacesAnUnsafeOne() throws Exception {
        var given = get(
                "/api/test-only/fail",
                "Authorization",
                ADMIN,
                "X-Request-Id",
                "lb-7f3a9c21",
                "Accept",
                "application/json");
        assertThat(given.headers().firstValue("X-Request-Id")).contains("lb-7f3a9c21");
        assertThat(given.body()).contains("\"requestId\":\"lb-7f3a9c21\"");

        var unsafe = get("/api/rules", "Authorization", ADMIN, "X-Request-Id", "<script>x</script>");
        assertThat(unsafe.headers().firstValue("X-Request-Id"))
                .get()
                .asString()
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void problemDetailsCarryTheId() throws Exception {
        var missing = get("/api/rules/no-such-rule-for-request-id", "Authorization", ADMIN);
        var refused = get("/api/settings");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body())
                .contains("\"requestId\":\""
                        + missing.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body())
                .contains("\"requestId\":\""
                        + refused.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
    }
}
