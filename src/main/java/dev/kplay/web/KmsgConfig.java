package dev.kplay.web;

import dev.kplay.session.SessionRegistry;
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

    public KmsgConfig(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry handlers) {
        handlers.addHandler(new KmsgSocket(registry), "/api/sessions/*/kmsg").setAllowedOriginPatterns("*");
    }
}
