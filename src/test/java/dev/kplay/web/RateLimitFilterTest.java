package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Per-client limits: a burst passes, the next request is refused with 429 JSON, others are unaffected. */
class RateLimitFilterTest {
    int status(RateLimitFilter f, String method, String uri, String client) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest(method, uri);
        req.setRemoteAddr(client);
        MockHttpServletResponse res = new MockHttpServletResponse();
        f.doFilter(req, res, new MockFilterChain());
        return res.getStatus();
    }

    @Test
    void burstThenRefused() throws Exception {
        RateLimitFilter f = new RateLimitFilter(0.001, 3, 1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        }
        assertEquals(429, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        assertEquals(200, status(f, "GET", "/api/sessions/x", "10.0.0.2"));
        assertEquals(200, status(f, "GET", "/", "10.0.0.1"), "the page and assets are not limited");
    }

    @Test
    void sessionCreationHasItsOwnLimit() throws Exception {
        RateLimitFilter f = new RateLimitFilter(1000, 1000, 2);
        assertEquals(200, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(200, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(429, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(200, status(f, "POST", "/api/sessions/x/exec", "10.0.0.1"));
    }
}
