package dev.kplay.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.scenario.Links;
import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
import dev.kplay.session.SessionLimits;
import dev.kplay.store.TestStores;
import dev.kplay.session.SessionRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP contract's shapes and errors, over a real session registry. */
@WebMvcTest({SessionController.class, ScenarioController.class, PageController.class})
@Import(SessionControllerTest.Config.class)
class SessionControllerTest {
    @TestConfiguration
    static class Config {
        @Bean
        SessionRegistry registry() {
            SessionLimits limits = new SessionLimits(50, Duration.ofMinutes(5), 4000, 4, 1000, 2000, 1000, false);
            return new SessionRegistry(Kbuild::build, limits, System::nanoTime);
        }

        @Bean
        ScenarioCodec codec() {
            return new ScenarioCodec(ScenarioCodec.Limits.defaults());
        }

        @Bean
        ScenarioPlayer player(SessionRegistry registry) {
            return new ScenarioPlayer(Kbuild::build, registry.limits(), System::nanoTime);
        }

        @Bean
        Links links(ScenarioCodec codec) {
            return new Links(TestStores.h2InMemory(), codec);
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
                .andExpect(content().json("[\"hello-3.c\", \"linux/.config\", \"linux/.version\", \"linux/Makefile\", \"linux/arch/x86/entry/syscalls/syscall_64.tbl\", \"linux/include/linux/syscalls.h\", \"linux/kernel/sys.c\"]", true));
        mvc.perform(get("/api/sessions/" + id + "/files/hello-3.c")).andExpect(content().string("int x;\n"));
        mvc.perform(get("/api/sessions/" + id + "/files/nope.c")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
    }

    @Test
    void kernelTreePaths() throws Exception {
        String id = newSession();
        String sys = "/api/sessions/" + id + "/files/linux/kernel/sys.c";
        mvc.perform(put(sys).contentType(MediaType.TEXT_PLAIN).content("int x;\n")).andExpect(status().isNoContent());
        mvc.perform(get(sys)).andExpect(content().string("int x;\n"));
        mvc.perform(get("/api/sessions/" + id + "/files/linux/kernel/none.c")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
        mvc.perform(put("/api/sessions/" + id + "/files/linux/kernel/%2E%2E/x").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("no '..'")));
        mvc.perform(put("/api/sessions/" + id + "/files/linux/1/2/3/4/5/6/7/8/9").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest());
        mvc.perform(delete("/api/sessions/" + id + "/files/linux/kernel/sys.c")).andExpect(status().isNoContent());
        mvc.perform(get(sys)).andExpect(status().isNotFound());
        mvc.perform(post("/api/sessions/" + id + "/reboot").contentType(MediaType.APPLICATION_JSON).content("{\"kernel\":\"other\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/sessions/" + id + "/reboot").contentType(MediaType.APPLICATION_JSON).content("{\"kernel\":\"stock\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.kernel").value("6.1.0-56-amd64"));
    }

    @Test
    void badFileNameAndOversizeSource() throws Exception {
        String id = newSession();
        mvc.perform(put("/api/sessions/" + id + "/files/..").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        mvc.perform(put("/api/sessions/" + id + "/files/big.c").contentType(MediaType.TEXT_PLAIN).content("x".repeat(4001)))
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.error").value("too_large"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("limit is 4000 bytes")));
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
                        .content("{\"command\":\"echo hi; cd /proc; false\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.exitCode").value(1))
                .andExpect(jsonPath("$.cwd").value("/proc"))
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
    void buildReportsDiagnostics() throws Exception {
        String id = newSession();
        mvc.perform(put("/api/sessions/" + id + "/files/bad.c").contentType(MediaType.TEXT_PLAIN)
                .content("#include <linux/module.h>\nint f(void) { return x; }\nMODULE_LICENSE(\"GPL\");\n"));
        mvc.perform(post("/api/sessions/" + id + "/build")).andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false)).andExpect(jsonPath("$.output").isString())
                .andExpect(jsonPath("$.diagnostics[0].file").value("bad.c"))
                .andExpect(jsonPath("$.diagnostics[0].line").value(2))
                .andExpect(jsonPath("$.diagnostics[0].severity").value("error"))
                .andExpect(jsonPath("$.artifacts").isEmpty());
    }

    @Test
    void theStoryThroughTheButtons() throws Exception {
        String id = newSession();
        String src = new String(getClass().getResourceAsStream("/golden/hello-3.c").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        mvc.perform(put("/api/sessions/" + id + "/files/hello-3.c").contentType(MediaType.TEXT_PLAIN).content(src))
                .andExpect(status().isNoContent());
        mvc.perform(post("/api/sessions/" + id + "/build")).andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.artifacts[0]").value("hello-3.ko"));
        mvc.perform(post("/api/sessions/" + id + "/insmod").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"module\":\"hello-3.ko\",\"params\":\"\"}"))
                .andExpect(jsonPath("$.exitCode").value(0)).andExpect(jsonPath("$.output").value(""));
        mvc.perform(get("/api/sessions/" + id)).andExpect(jsonPath("$.modules[0].name").value("hello_3"))
                .andExpect(jsonPath("$.modules[0].refcount").value(0)).andExpect(jsonPath("$.modules[0].state").value("Live"))
                .andExpect(jsonPath("$.taint").value("OE"));
        mvc.perform(post("/api/sessions/" + id + "/rmmod").contentType(MediaType.APPLICATION_JSON).content("{\"module\":\"hello_3\"}"))
                .andExpect(jsonPath("$.exitCode").value(137)).andExpect(jsonPath("$.output").value("Killed\n"))
                .andExpect(jsonPath("$.killed").value(true)).andExpect(jsonPath("$.running").value(false))
                .andExpect(jsonPath("$.pid").isNumber());
        mvc.perform(post("/api/sessions/" + id + "/rmmod").contentType(MediaType.APPLICATION_JSON).content("{\"module\":\"hello_3\"}"))
                .andExpect(jsonPath("$.exitCode").value(1))
                .andExpect(jsonPath("$.output").value("rmmod: ERROR: Module hello_3 is in use\n"));
        mvc.perform(get("/api/sessions/" + id + "/dmesg")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("] Hello, world 3\n")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("BUG: unable to handle page fault")));
        mvc.perform(post("/api/sessions/" + id + "/reboot")).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        mvc.perform(get("/api/sessions/" + id)).andExpect(jsonPath("$.modules").isEmpty()).andExpect(jsonPath("$.boots").value(2));
        mvc.perform(get("/api/sessions/" + id + "/files")).andExpect(content().json("[\"hello-3.c\", \"linux/.config\", \"linux/.version\", \"linux/Makefile\", \"linux/arch/x86/entry/syscalls/syscall_64.tbl\", \"linux/include/linux/syscalls.h\", \"linux/kernel/sys.c\"]", true));
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
