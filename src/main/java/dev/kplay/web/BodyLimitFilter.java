package dev.kplay.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/*
 * Refuses a request body larger than the server will ever accept before anything reads it into
 * memory (the per-file source limit, checked later by the session, is much smaller).
 */

/** 413 with a JSON error for oversize request bodies. */
@Component
public class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;

    public BodyLimitFilter(@Value("${kplay.http.max-body-bytes:1048576}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"too_large\",\"message\":\"request body too large (the limit is "
                    + maxBytes + " bytes)\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
