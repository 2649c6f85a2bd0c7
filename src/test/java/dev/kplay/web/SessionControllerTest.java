package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.kplay.session.SessionScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/** The HTTP contract's shapes and errors, over a real session registry. */
// answer-wait 0: every command's answer takes the asynchronous path (FutureAnswersQuickTest has the quick one)
@WebMvcTest(value = {SessionController.class, ScenarioController.class, PageController.class},
        properties = "kplay.http.answer-wait=0")
@Import({SessionControllerTest.Config.class, FutureAnswers.Install.class})
class SessionControllerTest {
    @TestConfiguration
    static class Config {
        @Bean
        SessionRegistry registry() {
            SessionLimits limits = new SessionLimits(50, Duration.ofMinutes(5), 4000, 4, 1000, 2000, 1000, false);
            return new SessionRegistry(Kbuild::build, limits, System::nanoTime);
        }

        @Bean(destroyMethod = "close")
        SessionScheduler scheduler() {
            return new SessionScheduler(2, System::nanoTime);
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

    /** Waits until the answer of a request answered asynchronously (on the scheduler) is written; returns it. */
    static MvcResult answered(MvcResult r) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (r.getRequest().isAsyncStarted()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no answer in 60 s");
            }
            Thread.sleep(1);
        }
        return r;
    }

    /** Performs a request; one the controller answers asynchronously (on the scheduler) is awaited. */
    ResultActions perform(RequestBuilder request) throws Exception {
        MvcResult r = answered(mvc.perform(request).andReturn());
        return new ResultActions() {
            @Override
            public ResultActions andExpect(org.springframework.test.web.servlet.ResultMatcher matcher) throws Exception {
                matcher.match(r);
                return this;
            }

            @Override
            public ResultActions andDo(org.springframework.test.web.servlet.ResultHandler handler) throws Exception {
                handler.handle(r);
                return this;
            }

            @Override
            public MvcResult andReturn() {
                return r;
            }
        };
    }

    String newSession() throws Exception {
        String body = perform(post("/api/sessions")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isString()).andExpect(jsonPath("$.kernel").isString())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    @Test
    void createStateAndDelete() throws Exception {
        String id = newSession();
        perform(get("/api/sessions/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.modules").isArray()).andExpect(jsonPath("$.tasks").isArray())
                .andExpect(jsonPath("$.taint").isString()).andExpect(jsonPath("$.uptime").isNumber());
        perform(delete("/api/sessions/" + id)).andExpect(status().isNoContent());
        perform(get("/api/sessions/" + id)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
    }

    @Test
    void creationLookupAndDeleteAreSchedulerJobs() throws Exception {
        // the request thread only queues them: a boot, a lookup (a rebuild when parked) and an end
        MvcResult created = mvc.perform(post("/api/sessions")).andReturn();
        assertTrue(created.getRequest().getAsyncContext() != null, "POST /api/sessions answers asynchronously");
        assertEquals(201, answered(created).getResponse().getStatus());
        String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");
        assertTrue(mvc.perform(get("/api/sessions/" + id)).andReturn().getRequest().getAsyncContext() != null);
        MvcResult deleted = mvc.perform(delete("/api/sessions/" + id)).andReturn();
        assertTrue(deleted.getRequest().getAsyncContext() != null, "DELETE answers asynchronously");
        assertEquals(204, answered(deleted).getResponse().getStatus());
        perform(delete("/api/sessions/" + id)).andExpect(status().isNotFound());
    }

    @Test
    void filesRoundTrip() throws Exception {
        String id = newSession();
        perform(put("/api/sessions/" + id + "/files/hello-3.c").contentType(MediaType.TEXT_PLAIN).content("int x;\n"))
                .andExpect(status().isNoContent());
        perform(get("/api/sessions/" + id + "/files")).andExpect(status().isOk())
                .andExpect(content().json("[\"hello-3.c\", \"linux/.config\", \"linux/.version\", \"linux/Makefile\", \"linux/arch/x86/entry/syscalls/syscall_64.tbl\", \"linux/include/linux/syscalls.h\", \"linux/kernel/sys.c\"]", true));
        perform(get("/api/sessions/" + id + "/files/hello-3.c")).andExpect(content().string("int x;\n"));
        perform(get("/api/sessions/" + id + "/files/nope.c")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
    }

    @Test
    void kernelTreePaths() throws Exception {
        String id = newSession();
        String sys = "/api/sessions/" + id + "/files/linux/kernel/sys.c";
        perform(put(sys).contentType(MediaType.TEXT_PLAIN).content("int x;\n")).andExpect(status().isNoContent());
        perform(get(sys)).andExpect(content().string("int x;\n"));
        perform(get("/api/sessions/" + id + "/files/linux/kernel/none.c")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("not_found"));
        perform(put("/api/sessions/" + id + "/files/linux/kernel/%2E%2E/x").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("no '..'")));
        perform(put("/api/sessions/" + id + "/files/linux/1/2/3/4/5/6/7/8/9").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest());
        perform(delete("/api/sessions/" + id + "/files/linux/kernel/sys.c")).andExpect(status().isNoContent());
        perform(get(sys)).andExpect(status().isNotFound());
        perform(post("/api/sessions/" + id + "/reboot").contentType(MediaType.APPLICATION_JSON).content("{\"kernel\":\"other\"}"))
                .andExpect(status().isBadRequest());
        perform(post("/api/sessions/" + id + "/reboot").contentType(MediaType.APPLICATION_JSON).content("{\"kernel\":\"stock\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.kernel").value("6.1.0-56-amd64"));
    }

    @Test
    void badFileNameAndOversizeSource() throws Exception {
        String id = newSession();
        perform(put("/api/sessions/" + id + "/files/..").contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        perform(put("/api/sessions/" + id + "/files/big.c").contentType(MediaType.TEXT_PLAIN).content("x".repeat(4001)))
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.error").value("too_large"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("limit is 4000 bytes")));
    }

    @Test
    void malformedJsonIs400() throws Exception {
        String id = newSession();
        perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON).content("{\"command\":"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void execReturnsACommandResult() throws Exception {
        String id = newSession();
        perform(post("/api/sessions/" + id + "/exec").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"command\":\"echo hi; cd /proc; false\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.exitCode").value(1))
                .andExpect(jsonPath("$.cwd").value("/proc"))
                .andExpect(jsonPath("$.output").value("hi\n")).andExpect(jsonPath("$.killed").value(false))
                .andExpect(jsonPath("$.running").value(false));
    }

    @Test
    void unknownSessionIs404Json() throws Exception {
        perform(post("/api/sessions/nope/exec").contentType(MediaType.APPLICATION_JSON).content("{\"command\":\"ls\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value("no such session: nope"));
        perform(get("/api/sessions/nope/dmesg")).andExpect(status().isNotFound());
    }

    @Test
    void buildReportsDiagnostics() throws Exception {
        String id = newSession();
        perform(put("/api/sessions/" + id + "/files/bad.c").contentType(MediaType.TEXT_PLAIN)
                .content("#include <linux/module.h>\nint f(void) { return x; }\nMODULE_LICENSE(\"GPL\");\n"));
        perform(post("/api/sessions/" + id + "/build")).andExpect(status().isOk())
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
        perform(put("/api/sessions/" + id + "/files/hello-3.c").contentType(MediaType.TEXT_PLAIN).content(src))
                .andExpect(status().isNoContent());
        perform(post("/api/sessions/" + id + "/build")).andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.artifacts[0]").value("hello-3.ko"));
        perform(post("/api/sessions/" + id + "/insmod").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"module\":\"hello-3.ko\",\"params\":\"\"}"))
                .andExpect(jsonPath("$.exitCode").value(0)).andExpect(jsonPath("$.output").value(""));
        perform(get("/api/sessions/" + id)).andExpect(jsonPath("$.modules[0].name").value("hello_3"))
                .andExpect(jsonPath("$.modules[0].refcount").value(0)).andExpect(jsonPath("$.modules[0].state").value("Live"))
                .andExpect(jsonPath("$.taint").value("OE"));
        perform(post("/api/sessions/" + id + "/rmmod").contentType(MediaType.APPLICATION_JSON).content("{\"module\":\"hello_3\"}"))
                .andExpect(jsonPath("$.exitCode").value(137)).andExpect(jsonPath("$.output").value("Killed\n"))
                .andExpect(jsonPath("$.killed").value(true)).andExpect(jsonPath("$.running").value(false))
                .andExpect(jsonPath("$.pid").isNumber());
        perform(post("/api/sessions/" + id + "/rmmod").contentType(MediaType.APPLICATION_JSON).content("{\"module\":\"hello_3\"}"))
                .andExpect(jsonPath("$.exitCode").value(1))
                .andExpect(jsonPath("$.output").value("rmmod: ERROR: Module hello_3 is in use\n"));
        perform(get("/api/sessions/" + id + "/dmesg")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("] Hello, world 3\n")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("BUG: unable to handle page fault")));
        perform(post("/api/sessions/" + id + "/reboot")).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        perform(get("/api/sessions/" + id)).andExpect(jsonPath("$.modules").isEmpty()).andExpect(jsonPath("$.boots").value(2));
        perform(get("/api/sessions/" + id + "/files")).andExpect(content().json("[\"hello-3.c\", \"linux/.config\", \"linux/.version\", \"linux/Makefile\", \"linux/arch/x86/entry/syscalls/syscall_64.tbl\", \"linux/include/linux/syscalls.h\", \"linux/kernel/sys.c\"]", true));
    }

    @Test
    void signalNeedsAKnownSignal() throws Exception {
        String id = newSession();
        perform(post("/api/sessions/" + id + "/signal").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":\"BOGUS\"}"))
                .andExpect(status().isBadRequest());
        perform(post("/api/sessions/" + id + "/signal").contentType(MediaType.APPLICATION_JSON).content("{\"signal\":\"INT\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.delivered").value(false));
    }

    @Test
    void healthz() throws Exception {
        perform(get("/healthz")).andExpect(status().isOk()).andExpect(content().string("ok\n"));
    }
}
