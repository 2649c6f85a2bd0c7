package dev.kplay.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/*
 * Requests per client: a token bucket per remote address for the API (a steady rate with a
 * burst), and a slower one for creating sessions, so one client can neither flood the server nor
 * take every session slot. Past the limit: 429 with the usual JSON error.
 */

/** Per-client rate limits on /api. */
@Component
public class RateLimitFilter extends OncePerRequestFilter {
    /** Clients remembered at most; past this the table starts afresh (a burst of new clients). */
    private static final int MAX_CLIENTS = 50_000;

    private final double perSecond;
    private final double burst;
    private final double createsPerMinute;
    private final Map<String, Bucket> requests = new ConcurrentHashMap<>();
    private final Map<String, Bucket> creates = new ConcurrentHashMap<>();

    public RateLimitFilter(@Value("${kplay.http.requests-per-second:50}") double perSecond,
                           @Value("${kplay.http.request-burst:200}") double burst,
                           @Value("${kplay.http.sessions-per-minute:60}") double createsPerMinute) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.createsPerMinute = createsPerMinute;
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
        String client = request.getRemoteAddr();
        long now = System.nanoTime();
        boolean ok = bucket(requests, client, perSecond, burst, now).take(now);
        if (ok && "POST".equals(request.getMethod()) && request.getRequestURI().equals("/api/sessions")) {
            ok = bucket(creates, client, createsPerMinute / 60.0, Math.max(1, createsPerMinute), now).take(now);
        }
        if (!ok) {
            response.setStatus(429);
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
