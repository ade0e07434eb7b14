package dev.switchboard.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Talks to a running Switchboard over real HTTP, the way Segment senders and automation do. */
public final class IntakeClient {

    public static final String WRITE_KEY = "wk_test_web_0001";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public IntakeClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send(path, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    public HttpResponse<String> postBytes(String path, byte[] body, String... headers) {
        return send(path, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** Any method, with a JSON body or none, e.g. {@code request("PUT", "/api/rules/x", json, headers)}. */
    public HttpResponse<String> request(String method, String path, String body, String... headers) {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, publisher)
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return execute(builder.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return execute(builder.build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String writeKeyHeader() {
        return basic(WRITE_KEY, "");
    }

    public static String adminHeader() {
        return basic("admin", ADMIN_PASSWORD);
    }

    public static byte[] gzip(String text) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(body);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return execute(builder.build());
    }

    private HttpResponse<String> execute(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
