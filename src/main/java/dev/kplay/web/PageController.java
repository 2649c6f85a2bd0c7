package dev.kplay.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/*
 * The page and the health check. The page is a Thymeleaf template that only loads the frontend
 * bundle (/assets/index.js, /assets/index.css, built by Vite into the jar's static resources);
 * everything else happens in the browser over the API.
 */

/** GET /, GET /s/{id}, GET /embed[/{id}] and GET /healthz. */
@Controller
public class PageController {
    /** Only kplay itself may frame the full page; embeds are for everyone (see embed()). */
    private static final String SAME_ORIGIN_FRAMES = "frame-ancestors 'self'";

    @GetMapping("/")
    public String index(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", SAME_ORIGIN_FRAMES);
        return "index";
    }

    /** A short link: the page, which replays the link's scenario with its timeline. */
    @GetMapping("/s/{id}")
    public String shortLink(@PathVariable String id, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", SAME_ORIGIN_FRAMES);
        return "index";
    }

    /**
     * The embeddable page (/embed, /embed/{id}): the same bundle in its compact layout, framable
     * by any site; it uses no cookies and keeps its session id in the page.
     */
    @GetMapping({"/embed", "/embed/{id}"})
    public String embed(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "frame-ancestors *");
        return "index";
    }

    /** For Docker's HEALTHCHECK and load balancers. */
    @GetMapping(value = "/healthz", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    public String health() {
        return "ok\n";
    }
}
