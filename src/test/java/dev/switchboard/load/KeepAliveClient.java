package dev.switchboard.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The load driver's HTTP/1.1 client for {@code /v1/track}: one kept-alive connection per driver thread, the request
 * written in one piece and the answer read by its {@code Content-Length} (or chunks). The JDK's {@code HttpClient}
 * cost the driver about half a millisecond of CPU per request, on the same two cores as Switchboard: at 1,000
 * requests/s a quarter of the machine that Segment's senders, on their own machines, would not take from it.
 *
 * <p>Not thread-safe: each driver thread keeps its own (see {@link #forThisThread}).
 */
final class KeepAliveClient {

    /** An answer: the status and the body as text. */
    record Answer(int status, String body) {}

    private static final ThreadLocal<KeepAliveClient> PER_THREAD = new ThreadLocal<>();

    private final String host;
    private final int port;
    private final byte[] fixedHeaders;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    private KeepAliveClient(String host, int port, String authorization) {
        this.host = host;
        this.port = port;
        this.fixedHeaders = ("Host: " + host + ":" + port + "\r\nContent-Type: application/json\r\nAuthorization: "
                        + authorization + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** This thread's client for the server at {@code host:port}. */
    static KeepAliveClient forThisThread(String host, int port, String authorization) {
        KeepAliveClient client = PER_THREAD.get();
        if (client == null || !client.host.equals(host) || client.port != port) {
            if (client != null) {
                client.close();
            }
            client = new KeepAliveClient(host, port, authorization);
            PER_THREAD.set(client);
        }
        return client;
    }

    Answer post(String path, byte[] body) {
        boolean reused = socket != null;
        try {
            return exchange(path, body);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw new UncheckedIOException(e);
            }
            // The server closed an idle kept-alive connection before this request reached it: once more, anew.
            try {
                return exchange(path, body);
            } catch (IOException again) {
                close();
                throw new UncheckedIOException(again);
            }
        }
    }

    private Answer exchange(String path, byte[] body) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream(body.length + 256);
        request.writeBytes(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(fixedHeaders);
        request.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        request.writeTo(out);
        out.flush();

        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before an answer");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        byte[] answer = chunked ? chunks() : in.readNBytes((int) Math.max(length, 0));
        if (closes) {
            // Tomcat closes a connection after its 100th request (max-keep-alive-requests).
            close();
        }
        return new Answer(status, new String(answer, StandardCharsets.UTF_8));
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                // Trailers, then the empty line.
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {}
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            line();
        }
    }

    /** One line without its CRLF; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        socket = null;
        out = null;
        in = null;
    }
}
