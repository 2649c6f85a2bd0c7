package dev.kplay.web;

import dev.kplay.session.SessionRegistry;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/*
 * Registers the kmsg WebSocket. Any origin may connect: sessions are keyed by an id the page
 * holds, never by a cookie, so an embedding page on another origin gains nothing it does not
 * already have.
 */

/** WS /api/sessions/{id}/kmsg. */
@Configuration
@EnableWebSocket
public class KmsgConfig implements WebSocketConfigurer {
    private final SessionRegistry registry;
    private final dev.kplay.session.SessionScheduler scheduler;

    public KmsgConfig(SessionRegistry registry, dev.kplay.session.SessionScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** Threads that write queued kmsg frames to sockets (never the kernel's thread). */
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "kmsg-sender");
        t.setDaemon(true);
        return t;
    });

    /** The thread that lets wall time pass in the kernels of open pages. */
    private final java.util.concurrent.ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kmsg-ticker");
        t.setDaemon(true);
        return t;
    });

    private KmsgSocket socket;

    /** The endpoint (one for all sockets; its queues are published as metrics). */
    synchronized KmsgSocket socket() {
        if (socket == null) {
            socket = new KmsgSocket(registry, scheduler, senders, ticker);
        }
        return socket;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        handlers.addHandler(socket(), "/api/sessions/*/kmsg").setAllowedOriginPatterns("*");
    }

    @PreDestroy
    public void stop() {
        senders.shutdownNow();
        ticker.shutdownNow();
    }
}
