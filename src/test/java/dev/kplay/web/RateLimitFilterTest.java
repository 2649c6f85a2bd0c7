package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Per-client limits: a burst passes, the next request is refused with 429 JSON, others are unaffected. */
class RateLimitFilterTest {
    int status(RateLimitFilter f, String method, String uri, String client) throws Exception {
        return status(f, method, uri, client, null);
    }

    int status(RateLimitFilter f, String method, String uri, String client, String xff) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest(method, uri);
        req.setRemoteAddr(client);
        if (xff != null) {
            req.addHeader("X-Forwarded-For", xff);
        }
        MockHttpServletResponse res = new MockHttpServletResponse();
        f.doFilter(req, res, new MockFilterChain());
        return res.getStatus();
    }

    @Test
    void burstThenRefused() throws Exception {
        RateLimitFilter f = new RateLimitFilter(0.001, 3, 1000, List.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        }
        assertEquals(429, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        assertEquals(200, status(f, "GET", "/api/sessions/x", "10.0.0.2"));
        assertEquals(200, status(f, "GET", "/", "10.0.0.1"), "the page and assets are not limited");
    }

    @Test
    void sessionCreationHasItsOwnLimit() throws Exception {
        RateLimitFilter f = new RateLimitFilter(1000, 1000, 2, List.of());
        assertEquals(200, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(200, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(429, status(f, "POST", "/api/sessions", "10.0.0.1"));
        assertEquals(200, status(f, "POST", "/api/sessions/x/exec", "10.0.0.1"));
    }

    @Test
    void deleteIsNeverRefused() throws Exception {
        RateLimitFilter f = new RateLimitFilter(0.001, 1, 1000, List.of());
        assertEquals(200, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        assertEquals(429, status(f, "GET", "/api/sessions/x", "10.0.0.1"));
        assertEquals(200, status(f, "DELETE", "/api/sessions/x", "10.0.0.1"));
    }

    @Test
    void forwardedForCountsOnlyBehindATrustedProxy() throws Exception {
        RateLimitFilter open = new RateLimitFilter(0.001, 1, 1000, List.of());
        assertEquals(200, status(open, "GET", "/api/sessions/x", "10.0.0.9", "1.1.1.1"));
        assertEquals(429, status(open, "GET", "/api/sessions/x", "10.0.0.9", "2.2.2.2"),
                "without a trusted proxy a forged header changes nothing");
        RateLimitFilter proxied = new RateLimitFilter(0.001, 1, 1000, List.of("127.0.0.1"));
        assertEquals(200, status(proxied, "GET", "/api/sessions/x", "127.0.0.1", "1.1.1.1"));
        assertEquals(200, status(proxied, "GET", "/api/sessions/x", "127.0.0.1", "2.2.2.2"),
                "behind the proxy each user has a limit of their own");
        assertEquals(429, status(proxied, "GET", "/api/sessions/x", "127.0.0.1", "9.9.9.9, 1.1.1.1"),
                "the right-most untrusted hop counts, not what the client prepended");
    }
}
