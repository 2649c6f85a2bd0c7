package dev.kplay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The bench's HTTP client: a blocking HTTP/1.1 request on a kept-alive loopback connection
 * ({@link HttpURLConnection}), the way a browser's fetch reuses its connection. The JDK's
 * java.net.http client was used before; its asynchronous machinery (a selector thread and an
 * executor, two thread hand-overs a request) added about 0.35 ms of the client's own to every
 * figure on this machine (a GET of /healthz: 0.55 ms with it, 0.21 ms with this), which is not
 * kplay's time.
 */
final class Loopback {
    /** An answer: its status and body. */
    record Answer(int status, String body) {}

    private final String base;

    Loopback(String base) {
        this.base = base;
        // the keep-alive cache holds 5 connections per host by default: the live-sessions run has more client threads
        System.setProperty("http.maxConnections", "64");
    }

    Answer send(String method, String path, String contentType, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setUseCaches(false);
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // buffered, not setFixedLengthStreamingMode: streaming sends the headers and the body in two
            // writes, and Nagle's algorithm holds the second for the first's ACK (twice the round trip here)
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = c.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = c.getResponseCode();
        // read the whole body (error or not) so that the connection goes back to the keep-alive cache
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (in != null) {
            in.close();
        }
        return new Answer(status, text);
    }
}
