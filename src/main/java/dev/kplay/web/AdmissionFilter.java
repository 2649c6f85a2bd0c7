package dev.kplay.web;

import dev.kplay.session.HeapPressure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/*
 * Admission control: the server says no while it still can. Before a request that makes the heap
 * grow (a new session, a file, a build, a command) is read, the live heap (HeapPressure: the old
 * generation as its last cleaning collection left it, plus young survivors) is compared with two thresholds: past the first no new session is admitted, past the
 * second no work either. The refusal is a 503 with a JSON message and Retry-After, well before the
 * JVM could run out of memory. Reads, signals and DELETE (which frees memory) always pass.
 */

/** 503 + Retry-After when the heap is too full to admit more. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
public class AdmissionFilter extends OncePerRequestFilter {
    private final HeapPressure heap;
    private final double sessionThreshold;
    private final double workThreshold;

    public AdmissionFilter(org.springframework.beans.factory.ObjectProvider<HeapPressure> heap,
                           @Value("${kplay.memory.admit-sessions-below:0.70}") double sessionThreshold,
                           @Value("${kplay.memory.admit-work-below:0.85}") double workThreshold) {
        this.heap = heap.getIfAvailable(() -> new HeapPressure(Math.min(sessionThreshold, workThreshold)));
        this.sessionThreshold = sessionThreshold;
        this.workThreshold = workThreshold;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String m = request.getMethod();
        String uri = request.getRequestURI();
        return !uri.startsWith("/api/") || !("POST".equals(m) || "PUT".equals(m)) || uri.endsWith("/signal");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        double used = heap.fraction();
        boolean create = "/api/sessions".equals(request.getRequestURI());
        if (used >= workThreshold || create && used >= sessionThreshold) {
            response.setStatus(503);
            response.setHeader("Retry-After", "30");
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unavailable\",\"message\":\"the server is low on memory ("
                    + Math.round(used * 100) + "% of its heap in use); try again in a little while\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
