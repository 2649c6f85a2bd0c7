package dev.kplay.web;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.session.Session;
import dev.kplay.session.SessionRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import jakarta.websocket.RemoteEndpoint;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/*
 * WS /api/sessions/{id}/kmsg?after=SEQ: the kernel log as it is written, one JSON record per
 * frame ({seq, level, facility, ts, text}, ts in microseconds as /dev/kmsg gives it). Terminal
 * output that comes between requests (a background program's late lines) shares the socket as
 * {"terminal": text} frames, sent once, in order with the records. A client
 * that reconnects passes the last seq it saw and gets exactly the records after it. After a
 * reboot the new kernel's records follow on the same socket, starting again at seq 0.
 *
 * While a socket is open, its session's time follows the wall clock between requests (every
 * TICK_MS the ticker lets the idle time pass, recorded as any idle time is), so a timer module's
 * lines appear in the pane as they are printed. The tick itself runs on the server's scheduler,
 * queued behind the session's own work, so a busy kernel costs the ticker thread nothing.
 *
 * Records are produced on the thread that runs the kernel, with the session locked; that thread
 * only appends to the socket's bounded queue. Frames go out with the container's asynchronous
 * send, one in flight per socket, the next started from the completion of the one before, so no
 * thread ever waits for a client to read and a client that does not read delays nobody else. A
 * client whose queue passes its bound (frames or bytes), or whose send does not complete within
 * the send timeout, is dropped with close code 4000 and the last sequence number it was sent,
 * and resumes with ?after=. Every socket closes when its session ends.
 */

/** The kmsg WebSocket endpoint. */
final class KmsgSocket extends TextWebSocketHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Frames a client may have queued before it is dropped. */
    static final int MAX_QUEUED = 4096;
    /** Bytes a client may have queued before it is dropped. */
    static final long MAX_QUEUED_BYTES = 1L << 20;
    /** How long one frame may take to reach a client before it is dropped. */
    static final long SEND_TIMEOUT_MS = 10_000;
    /** Close code for a client dropped for not reading (a private-use code, RFC 6455 7.4.2). */
    static final int TOO_SLOW = 4000;

    /** How often an open page lets wall time pass in its kernel (timers tick live). */
    static final long TICK_MS = 200;

    private final SessionRegistry registry;
    private final dev.kplay.session.SessionScheduler scheduler;
    private final ExecutorService senders;
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

    KmsgSocket(SessionRegistry registry, dev.kplay.session.SessionScheduler scheduler, ExecutorService senders,
               java.util.concurrent.ScheduledExecutorService ticker) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.senders = senders;
        this.ticker = ticker;
    }

    /** Frames queued for all sockets right now. */
    long queuedFrames() {
        long n = 0;
        for (Outbox b : outboxes.values()) {
            n += b.size();
        }
        return n;
    }

    /** Open sockets. */
    int sockets() {
        return outboxes.size();
    }

    /** One queued frame and the sequence number it carries. */
    private record Frame(long seq, String json) {}

    /** One socket's bounded queue of frames; at most one send in flight. */
    private final class Outbox {
        private final WebSocketSession ws;
        private final RemoteEndpoint.Async async;
        private final ArrayDeque<Frame> queue = new ArrayDeque<>();
        private long queuedBytes;
        private boolean sending;
        private boolean dropped;
        private long lastSent;
        private AutoCloseable subscription;
        private java.util.concurrent.ScheduledFuture<?> tick;
        /** The socket closed (its subscription, made later on the scheduler, must not stay). */
        private boolean gone;

        Outbox(WebSocketSession ws, long after) {
            this.ws = ws;
            this.lastSent = after;
            RemoteEndpoint.Async a = null;
            if (ws instanceof NativeWebSocketSession n && n.getNativeSession() instanceof jakarta.websocket.Session js) {
                a = js.getAsyncRemote();
                a.setSendTimeout(SEND_TIMEOUT_MS);
                js.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 2000L);
            }
            this.async = a;
        }

        synchronized int size() {
            return queue.size();
        }

        /** Queues a frame (the kernel's thread; never blocks). */
        synchronized void offer(long seq, String json) {
            if (dropped) {
                return;
            }
            if (queue.size() >= MAX_QUEUED || queuedBytes + json.length() > MAX_QUEUED_BYTES) {
                drop();
                return;
            }
            queue.add(new Frame(seq, json));
            queuedBytes += json.length();
            if (!sending) {
                sending = true;
                senders.execute(this::sendNext);
            }
        }

        /** Starts sending the next frame, or notes that none is in flight. */
        private void sendNext() {
            Frame f;
            synchronized (this) {
                f = queue.poll();
                if (f == null || dropped) {
                    sending = false;
                    return;
                }
                queuedBytes -= f.json().length();
            }
            if (!ws.isOpen()) {
                synchronized (this) {
                    sending = false;
                    queue.clear();
                }
                return;
            }
            if (async == null) {
                try {
                    ws.sendMessage(new TextMessage(f.json()));
                    sent(f);
                } catch (IOException | RuntimeException e) {
                    failed();
                }
                return;
            }
            try {
                async.sendText(f.json(), result -> {
                    if (result.isOK()) {
                        sent(f);
                    } else {
                        failed();
                    }
                });
            } catch (RuntimeException e) {
                failed();
            }
        }

        private void sent(Frame f) {
            synchronized (this) {
                if (f.seq() != TERMINAL) {
                    lastSent = f.seq();
                }
            }
            sendNext();
        }

        private void failed() {
            synchronized (this) {
                drop();
                sending = false;
            }
        }

        /** Drops a client that is too far behind: close code 4000 and where to resume. Holds the lock. */
        private void drop() {
            if (dropped) {
                return;
            }
            dropped = true;
            queue.clear();
            queuedBytes = 0;
            long resume = lastSent;
            senders.execute(() -> {
                try {
                    ws.close(new CloseStatus(TOO_SLOW, "too far behind; resume with ?after=" + resume));
                } catch (IOException | RuntimeException ignored) {
                    // already gone
                }
            });
        }

        void closeSocket() {
            senders.execute(() -> {
                try {
                    ws.close(CloseStatus.GOING_AWAY.withReason("session ended"));
                } catch (IOException | RuntimeException ignored) {
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
        Outbox box = new Outbox(ws, after);
        outboxes.put(ws.getId(), box);
        // found (or rebuilt) and subscribed on the scheduler, behind the session's running work: this thread does not wait
        Session[] found = {null};
        new SessionJobs(registry, scheduler).on(id, session -> {
                    found[0] = session;
                    AutoCloseable log = session.subscribe(after, r -> box.offer(r.seq(), frame(r)), box::closeSocket);
                    AutoCloseable terminal = session.subscribeTerminal(t -> box.offer(TERMINAL, terminalFrame(t)));
                    return (AutoCloseable) () -> {
                        log.close();
                        terminal.close();
                    };
                })
                .whenComplete((subscription, failure) -> {
                    Session session = found[0];
                    if (failure != null) {
                        outboxes.remove(ws.getId());
                        senders.execute(() -> {
                            try {
                                ws.close(CloseStatus.POLICY_VIOLATION.withReason("no such session"));
                            } catch (IOException | RuntimeException ignored) {
                                // already gone
                            }
                        });
                        return;
                    }
                    synchronized (box) {
                        if (!box.gone) {
                            box.subscription = subscription;
                            box.tick = ticker.scheduleWithFixedDelay(() -> {
                                try {
                                    scheduler.tick(session);
                                } catch (RuntimeException e) {
                                    // the session ended or failed; its socket closes through the session
                                }
                            }, TICK_MS, TICK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
                            return;
                        }
                    }
                    try {
                        subscription.close();
                    } catch (Exception ignored) {
                        // a list subscription closes without fail
                    }
                });
    }

    /** The sequence number a terminal frame carries in the queue (it is not a log record: ?after= ignores it). */
    private static final long TERMINAL = Long.MIN_VALUE;

    /** A terminal frame: {"terminal": text}, output a running job printed between requests. */
    static String terminalFrame(String text) {
        return JSON.writeValueAsString(Map.of("terminal", text));
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
        if (box == null) {
            return;
        }
        AutoCloseable subscription;
        synchronized (box) {
            box.gone = true;
            if (box.tick != null) {
                box.tick.cancel(false);
            }
            subscription = box.subscription;
        }
        if (subscription != null) {
            subscription.close();
        }
    }
}
