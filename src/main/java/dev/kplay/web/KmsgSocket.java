package dev.kplay.web;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.session.Session;
import dev.kplay.session.SessionException;
import dev.kplay.session.SessionRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/*
 * WS /api/sessions/{id}/kmsg?after=SEQ: the kernel log as it is written, one JSON record per
 * frame ({seq, level, facility, ts, text}, ts in microseconds as /dev/kmsg gives it). A client
 * that reconnects passes the last seq it saw and gets exactly the records after it. After a
 * reboot the new kernel's records follow on the same socket, starting again at seq 0.
 *
 * While a socket is open, its session's time follows the wall clock between requests (every
 * TICK_MS the ticker lets the idle time pass, recorded as any idle time is), so a timer module's
 * lines appear in the pane as they are printed.
 *
 * Records are produced on the thread that runs the kernel, with the session locked; that thread
 * only appends to the socket's queue, and a shared pool drains each queue in order, so a slow
 * client can never stall a kernel. A client that falls too far behind is disconnected (it
 * resumes with ?after=), and every socket closes when its session ends.
 */

/** The kmsg WebSocket endpoint. */
final class KmsgSocket extends TextWebSocketHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Frames a client may have queued before it is dropped. */
    static final int MAX_QUEUED = 20_000;

    /** How often an open page lets wall time pass in its kernel (timers tick live). */
    static final long TICK_MS = 200;

    private final SessionRegistry registry;
    private final ExecutorService senders;
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

    KmsgSocket(SessionRegistry registry, ExecutorService senders, java.util.concurrent.ScheduledExecutorService ticker) {
        this.registry = registry;
        this.senders = senders;
        this.ticker = ticker;
    }

    /** One socket's queue of frames, drained by at most one pool task at a time. */
    private final class Outbox {
        private final WebSocketSession ws;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean draining;
        private AutoCloseable subscription;
        private java.util.concurrent.ScheduledFuture<?> tick;

        Outbox(WebSocketSession ws) {
            this.ws = ws;
        }

        synchronized void offer(String frame) {
            if (queue.size() >= MAX_QUEUED) {
                queue.clear();
                queue.add("");
            } else {
                queue.add(frame);
            }
            if (!draining) {
                draining = true;
                senders.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                String frame;
                synchronized (this) {
                    frame = queue.poll();
                    if (frame == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    if (frame.isEmpty()) {
                        ws.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("too far behind; resume with ?after="));
                    } else if (ws.isOpen()) {
                        ws.sendMessage(new TextMessage(frame));
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        queue.clear();
                    }
                }
            }
        }

        void closeSocket() {
            senders.execute(() -> {
                try {
                    ws.close(CloseStatus.GOING_AWAY.withReason("session ended"));
                } catch (IOException ignored) {
                    // already gone
                }
            });
        }
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
        Outbox box = new Outbox(ws);
        outboxes.put(ws.getId(), box);
        try {
            box.subscription = session.subscribe(after, r -> box.offer(frame(r)), box::closeSocket);
            box.tick = ticker.scheduleWithFixedDelay(() -> {
                try {
                    session.passTime();
                } catch (RuntimeException e) {
                    // the session ended or failed; its socket closes through the session
                }
            }, TICK_MS, TICK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (SessionException e) {
            outboxes.remove(ws.getId());
            ws.close(CloseStatus.POLICY_VIOLATION.withReason("no such session"));
        }
    }

    /** The JSON of one record. */
    static String frame(LogRecord r) {
        return JSON.writeValueAsString(json(r));
    }

    /** One record as {seq, level, facility, ts (µs), text}. */
    static Map<String, Object> json(LogRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("level", r.level());
        m.put("facility", r.facility());
        m.put("ts", r.tsNanos() / 1000);
        m.put("text", r.text());
        return m;
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
        Outbox box = outboxes.remove(ws.getId());
        if (box != null && box.tick != null) {
            box.tick.cancel(false);
        }
        if (box != null && box.subscription != null) {
            box.subscription.close();
        }
    }
}
