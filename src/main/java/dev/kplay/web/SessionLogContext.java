package dev.kplay.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/*
 * Every log line written while a request for a session is served carries the session's id (MDC
 * key "session"): in the console pattern, and as a field of the structured (JSON) logs that
 * logging.structured.format.console=ecs turns on. The same filter times the calls users wait on:
 * builds (kplay.build) and commands (kplay.command: exec, insmod, rmmod), for Prometheus. With
 * kplay.node-name set, each answer says which node gave it (X-Kplay-Node), for operators and tests.
 */

/** MDC session id and the build/command timers. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SessionLogContext extends OncePerRequestFilter {
    private static final Pattern SESSION_PATH = Pattern.compile("^/api/sessions/([A-Za-z0-9_-]{1,64})(/([a-z]+))?");

    private final String node;
    private final Timer builds;
    private final Timer commands;

    public SessionLogContext(org.springframework.beans.factory.ObjectProvider<MeterRegistry> registries, @org.springframework.beans.factory.annotation.Value("${kplay.node-name:}") String node) {
        this.node = node;
        MeterRegistry meters = registries.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        this.builds = Timer.builder("kplay.build").description("POST .../build, wall time")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.commands = Timer.builder("kplay.command").description("POST .../exec, insmod, rmmod, wall time")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!node.isEmpty()) {
            response.setHeader("X-Kplay-Node", node);
        }
        Matcher m = SESSION_PATH.matcher(request.getRequestURI());
        if (!m.find()) {
            chain.doFilter(request, response);
            return;
        }
        String action = m.group(3);
        Timer timer = !"POST".equals(request.getMethod()) || action == null ? null
                : action.equals("build") ? builds
                : action.equals("exec") || action.equals("insmod") || action.equals("rmmod") ? commands : null;
        MDC.put("session", m.group(1));
        long t0 = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (timer != null && request.isAsyncStarted()) {
                // answered later by the scheduler: timed when the answer goes out
                request.getAsyncContext().addListener(new jakarta.servlet.AsyncListener() {
                    @Override
                    public void onComplete(jakarta.servlet.AsyncEvent e) {
                        timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
                    }

                    @Override
                    public void onTimeout(jakarta.servlet.AsyncEvent e) { }

                    @Override
                    public void onError(jakarta.servlet.AsyncEvent e) { }

                    @Override
                    public void onStartAsync(jakarta.servlet.AsyncEvent e) { }
                });
            } else if (timer != null) {
                timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            MDC.remove("session");
        }
    }
}
