package dev.kplay.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/*
 * Requests per client: a token bucket per remote address for the API (a steady rate with a
 * burst), and a slower one for creating sessions, so one client can neither flood the server nor
 * take every session slot. Past the limit: 429 with the usual JSON error and Retry-After. DELETE is
 * never refused: ending a session only frees resources.
 *
 * The client is the socket's address, unless that address is one of the configured trusted
 * proxies (kplay.http.trusted-proxies, e.g. the nginx in front): then it is the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. Without a trusted proxy the header is
 * ignored, since any client can write it.
 */

/** Per-client rate limits on /api. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RateLimitFilter extends OncePerRequestFilter {
    /** Clients remembered at most; past this the table starts afresh (a burst of new clients). */
    private static final int MAX_CLIENTS = 50_000;

    private final double perSecond;
    private final double burst;
    private final double createsPerMinute;
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
    private final Map<String, Bucket> creates = new ConcurrentHashMap<>();
    private final Set<String> trustedProxies;

    public RateLimitFilter(@Value("${kplay.http.requests-per-second:50}") double perSecond,
                           @Value("${kplay.http.request-burst:200}") double burst,
                           @Value("${kplay.http.sessions-per-minute:60}") double createsPerMinute,
                           @Value("${kplay.http.trusted-proxies:}") List<String> trustedProxies) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.createsPerMinute = createsPerMinute;
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /** Who sent this request (see the header comment). */
    String client(HttpServletRequest request) {
        String addr = request.getRemoteAddr();
        if (!trustedProxies.contains(addr)) {
            return addr;
        }
        String xff = request.getHeader("X-Forwarded-For");
        if (xff == null) {
            return addr;
        }
        String[] hops = xff.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return addr;
    }

    /** A token bucket: {@code tokens} refill at {@code rate} per second up to {@code capacity}. */
    private static final class Bucket {
        private final double rate;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(double rate, double capacity, long now) {
            this.rate = rate;
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("DELETE".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String client = client(request);
        long now = System.nanoTime();
        boolean ok = bucket(requests, client, perSecond, burst, now).take(now);
        if (ok && "POST".equals(request.getMethod()) && request.getRequestURI().equals("/api/sessions")) {
            ok = bucket(creates, client, createsPerMinute / 60.0, Math.max(1, createsPerMinute), now).take(now);
        }
        if (!ok) {
            response.setStatus(429);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"too_many_requests\",\"message\":\"too many requests; slow down\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static Bucket bucket(Map<String, Bucket> table, String client, double rate, double capacity, long now) {
        if (table.size() > MAX_CLIENTS) {
            table.clear();
        }
        return table.computeIfAbsent(client, c -> new Bucket(rate, capacity, now));
    }
}
