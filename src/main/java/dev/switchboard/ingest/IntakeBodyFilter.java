package dev.switchboard.ingest;

import dev.switchboard.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads an intake body once, before authentication: gunzips it when {@code Content-Encoding: gzip} says so and
 * refuses it with 413 when it is larger than Segment allows (a single message 32 KB, a batch 500 KB),
 * counting decompressed bytes so that a small gzip bomb cannot fill memory.
 */
class IntakeBodyFilter extends OncePerRequestFilter {

    private static final Set<String> BATCH_PATHS = Set.of("/v1/batch", "/v1/import", "/v1/import/", "/v1/b");

    private final IngestProperties properties;

    IntakeBodyFilter(IngestProperties properties) {
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        boolean gzip = isGzip(request);
        // A compressed body's Content-Length says nothing of its size once inflated: read it to the limit.
        long length = gzip ? -1 : request.getContentLengthLong();
        if (length > limit) {
            Problems.write(response, tooLarge(limit));
            return;
        }
        byte[] bytes;
        try (InputStream in = gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream()) {
            bytes = read(in, length, limit);
        } catch (ZipException e) {
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "malformed-body",
                            "Malformed body",
                            "The body says Content-Encoding: gzip but is not valid gzip data."));
            return;
        }
        if (bytes.length > limit) {
            Problems.write(response, tooLarge(limit));
            return;
        }
        IntakeBody body = new IntakeBody(bytes);
        body.attachTo(request);
        chain.doFilter(new CachedBodyRequest(request, bytes), response);
    }

    /**
     * The body, at most {@code limit + 1} bytes (one more than allowed tells it was too large). With a
     * Content-Length (already checked against the limit), which Tomcat holds the body to, into an array of exactly
     * that size: reading an unknown length goes through 8 KB buffers and a copy, the most allocated per
     * {@code /v1/track} request.
     */
    private static byte[] read(InputStream in, long contentLength, long limit) throws IOException {
        if (contentLength < 0) {
            return in.readNBytes((int) limit + 1);
        }
        byte[] bytes = new byte[(int) contentLength];
        int read = in.readNBytes(bytes, 0, bytes.length);
        return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
    }

    private long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean many = BATCH_PATHS.contains(path) || path.startsWith("/webhooks/");
        return (many ? properties.maxBatchSize() : properties.maxMessageSize()).toBytes();
    }

    private static boolean isGzip(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    }

    private static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "too-large",
                "Request too large",
                "This endpoint accepts at most " + limit + " bytes (after decompression).");
    }

    /** Hands the already-read bytes to whatever reads the body next. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("intake reads bodies synchronously");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            if ("Content-Type".equalsIgnoreCase(name)) {
                return getContentType();
            }
            // The body is decompressed now; nothing downstream must try to gunzip it again.
            return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ("Content-Type".equalsIgnoreCase(name)) {
                return Collections.enumeration(List.of(getContentType()));
            }
            return "Content-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        /**
         * Intake bodies are JSON whatever the sender declared (browsers send text/plain, curl sends a form type).
         * Saying so keeps Spring from treating a form-typed body as request parameters.
         */
        @Override
        public String getContentType() {
            return "application/json";
        }
    }
}
