package dev.kplay.web;

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

/** GET /, GET /s/{id} and GET /healthz. */
@Controller
public class PageController {
    @GetMapping("/")
    public String index() {
        return "index";
    }

    /** A short link: the page, which replays the link's scenario with its timeline. */
    @GetMapping("/s/{id}")
    public String shortLink(@PathVariable String id) {
        return "index";
    }

    /** For Docker's HEALTHCHECK and load balancers. */
    @GetMapping(value = "/healthz", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    public String health() {
        return "ok\n";
    }
}
