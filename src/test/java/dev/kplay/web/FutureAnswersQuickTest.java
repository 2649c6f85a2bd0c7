package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The quick path of FutureAnswers: a command that finishes within kplay.http.answer-wait is
 * answered on the request thread (no asynchronous dispatch), with the same body and status, and
 * its failure with the same JSON error, as the asynchronous path gives (SessionControllerTest runs
 * every command down that path, with the wait at 0).
 */
@WebMvcTest(value = {SessionController.class, ScenarioController.class, PageController.class},
        properties = "kplay.http.answer-wait=2s")
@Import({SessionControllerTest.Config.class, FutureAnswers.Install.class})
class FutureAnswersQuickTest {
    @Autowired
    MockMvc mvc;

    @Test
    void aQuickCommandIsAnsweredOnTheRequestThread() throws Exception {
        MvcResult created = mvc.perform(post("/api/sessions")).andReturn();
        assertFalse(created.getRequest().isAsyncStarted(), "a session's boot finishes within 2 s: answered at once");
        assertEquals(201, created.getResponse().getStatus());
        String id = JsonPath.read(created.getResponse().getContentAsString(), "$.id");

        MvcResult rebooted = mvc.perform(post("/api/sessions/" + id + "/reboot").contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andReturn();
        assertFalse(rebooted.getRequest().isAsyncStarted());
        assertEquals(200, rebooted.getResponse().getStatus());
        assertEquals(id, JsonPath.read(rebooted.getResponse().getContentAsString(), "$.id"));
        assertTrue(rebooted.getResponse().getContentType().startsWith("application/json"));
    }

    @Test
    void aQuickFailureIsTheSameJsonError() throws Exception {
        MvcResult missing = mvc.perform(get("/api/sessions/no-such-session")).andReturn();
        assertFalse(missing.getRequest().isAsyncStarted());
        assertEquals(404, missing.getResponse().getStatus());
        assertEquals("not_found", JsonPath.read(missing.getResponse().getContentAsString(), "$.error"));
    }
}
