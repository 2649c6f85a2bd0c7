package dev.kplay.web;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/*
 * WS /api/sessions/{id}/kmsg?after=SEQ: the kernel log as it is written, one JSON record per
 * frame ({seq, level, facility, ts, text}, ts in microseconds as /dev/kmsg gives it). A client
 * that reconnects passes the last seq it saw and gets exactly the records after it. After a
 * reboot the new kernel's records follow on the same socket, starting again at seq 0.
 *
 * Records are produced on the thread that runs the kernel (a request holding the session lock);
 * the decorator queues frames so a slow client never stalls the kernel, and a client that falls
 * too far behind is disconnected (it resumes with ?after=).
 */

/** The kmsg WebSocket endpoint. */
final class KmsgSocket extends TextWebSocketHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SessionRegistry registry;
    private final Map<String, AutoCloseable> subscriptions = new ConcurrentHashMap<>();

    KmsgSocket(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) throws Exception {
        URI uri = ws.getUri();
        String[] parts = uri == null ? new String[0] : uri.getPath().split("/");
        String id = parts.length >= 4 ? parts[parts.length - 2] : null;
        long after = parseAfter(uri == null ? null : uri.getQuery());
        Session session;
        try {
            session = registry.get(id);
        } catch (SessionException e) {
            ws.close(CloseStatus.POLICY_VIOLATION.withReason("no such session"));
            return;
        }
        WebSocketSession out = new ConcurrentWebSocketSessionDecorator(ws, 10_000, 4 << 20);
        AutoCloseable sub = session.subscribe(after, r -> send(out, r));
        subscriptions.put(ws.getId(), sub);
    }

    private static void send(WebSocketSession out, LogRecord r) {
        if (!out.isOpen()) {
            throw new IllegalStateException("socket closed");
        }
        try {
            out.sendMessage(new TextMessage(frame(r)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("socket send failed", e);
        }
    }

    /** The JSON of one record. */
    static String frame(LogRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("level", r.level());
        m.put("facility", r.facility());
        m.put("ts", r.tsNanos() / 1000);
        m.put("text", r.text());
        return JSON.writeValueAsString(m);
    }

    static long parseAfter(String query) {
        if (query == null) {
            return -1;
        }
        for (String kv : query.split("&")) {
            if (kv.startsWith("after=")) {
                try {
                    return Long.parseLong(kv.substring(6));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) throws Exception {
        AutoCloseable sub = subscriptions.remove(ws.getId());
        if (sub != null) {
            sub.close();
        }
    }
}
