package dev.kplay.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.session.SessionLimits;
import dev.kplay.session.SessionRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract's shapes and errors, over a real session registry. */
@WebMvcTest({SessionController.class, PageController.class})
@Import(SessionControllerTest.Config.class)
class SessionControllerTest {
    @TestConfiguration
    static class Config {
        @Bean
        SessionRegistry registry() {
            SessionLimits limits = new SessionLimits(50, Duration.ofMinutes(5), 100, 4, 1000, 2000, 1000, false);
            return new SessionRegistry(files -> new BuildResult(false, "no toolchain\n", List.of(), Map.of()), limits,
                    System::nanoTime);
        }
    }

    @Autowired
    MockMvc mvc;

    String newSession() throws Exception {
        String body = mvc.perform(post("/api/sessions")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isString()).andExpect(jsonPath("$.kernel").isString())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    void createStateAndDelete() throws Exception {
        String id = newSession();
        mvc.perform(get("/api/sessions/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.modules").isArray()).andExpect(jsonPath("$.tasks").isArray())
                .andExpect(jsonPath("$.taint").isString()).andExpect(jsonPath("$.uptime").isNumber());
        mvc.perform(delete("/api/sessions/" + id)).andExpect(status().isNoContent());
        mvc.perform(get("/api/sessions/" + id)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
    }

    @Test
    void filesRoundTrip() throws Exception {
        String id = newSession();
        mvc.perform(put("/api/sessions/" + id + "/files/hello-3.c").contentType(MediaType.TEXT_PLAIN).content("int x;\n"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/sessions/" + id + "/files")).andExpect(status().isOk())
                .andExpect(content().json("[\"hello-3.c\"]"));
        mvc.perform(get("/api/sessions/" + id + "/files/hello-3.c")).andExpect(content().string("int x;\n"));
        mvc.perform(get("/api/sessions/" + id + "/files/nope.c")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
    }

    @Test
    void badFileNameAndOversizeSource() throws Exception {
        String id = newSession();
        mvc.perform(put("/api/sessions/" + id + "/files/..").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        mvc.perform(put("/api/sessions/" + id + "/files/big.c").contentType(MediaType.TEXT_PLAIN).content("x".repeat(101)))
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.error").value("too_large"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("limit is 100 bytes")));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        String id = newSession();
        mvc.perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON).content("{\"command\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        mvc.perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void execReturnsACommandResult() throws Exception {
        String id = newSession();
        mvc.perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"command\":\"echo hi; false\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.exitCode").value(1))
                .andExpect(jsonPath("$.output").value("hi\n")).andExpect(jsonPath("$.killed").value(false))
                .andExpect(jsonPath("$.running").value(false));
    }

    @Test
    void unknownSessionIs404Json() throws Exception {
        mvc.perform(post("/api/sessions/nope/exec").contentType(MediaType.APPLICATION_JSON).content("{\"command\":\"ls\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value("no such session: nope"));
        mvc.perform(get("/api/sessions/nope/dmesg")).andExpect(status().isNotFound());
    }

    @Test
    void buildReportsTheToolchainResult() throws Exception {
        String id = newSession();
        mvc.perform(post("/api/sessions/" + id + "/build")).andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false)).andExpect(jsonPath("$.output").value("no toolchain\n"))
                .andExpect(jsonPath("$.diagnostics").isArray()).andExpect(jsonPath("$.artifacts").isArray());
    }

    @Test
    void signalNeedsAKnownSignal() throws Exception {
        String id = newSession();
        mvc.perform(post("/api/sessions/" + id + "/signal").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":\"BOGUS\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/sessions/" + id + "/signal").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":\"INT\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.delivered").value(false));
    }

    @Test
    void healthz() throws Exception {
        mvc.perform(get("/healthz")).andExpect(status().isOk()).andExpect(content().string("ok\n"));
    }
}
