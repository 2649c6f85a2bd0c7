package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.databind.json.JsonMapper;

/*
 * JsonBody answers as @RequestBody did (Spring's AbstractMessageConverterMethodArgumentResolver
 * with the Jackson converter): null for no body, 415 for a body (or an empty one) that says it is
 * not JSON, 400 for JSON that does not parse or bind and for a required body that is missing.
 */

/** JsonBody's answers for each kind of body. */
class JsonBodyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Cmd(String command, Long timeoutMs) {}

    static MockHttpServletRequest post(String contentType, String body) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/sessions/x/exec");
        if (contentType != null) {
            r.setContentType(contentType);
        }
        if (body != null) {
            r.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    @Test
    void noBodyIsNullUnlessRequired() throws Exception {
        assertNull(JsonBody.read(post(null, null), JSON, Map.class, false));
        assertNull(JsonBody.read(post("application/json", null), JSON, Map.class, false));
        assertNull(JsonBody.read(post("application/json", "null"), JSON, Map.class, false));
        assertThrows(HttpMessageNotReadableException.class, () -> JsonBody.read(post(null, null), JSON, Cmd.class, true));
        assertThrows(HttpMessageNotReadableException.class, () -> JsonBody.read(post("application/json", ""), JSON, Cmd.class, true));
    }

    @Test
    void jsonBindsAsTheConverterWould() throws Exception {
        assertEquals(Map.of(), JsonBody.read(post("application/json", "{}"), JSON, Map.class, false));
        assertEquals(Map.of("kernel", "stock"),
                JsonBody.read(post("application/json;charset=UTF-8", "{\"kernel\":\"stock\"}"), JSON, Map.class, false));
        assertEquals(new Cmd("ls", 5L), JsonBody.read(post("application/vnd.kplay+json", "{\"command\":\"ls\",\"timeoutMs\":5}"),
                JSON, Cmd.class, true));
    }

    @Test
    void otherContentTypesAre415() {
        assertThrows(HttpMediaTypeNotSupportedException.class, () -> JsonBody.read(post("text/plain", "{}"), JSON, Map.class, false));
        assertThrows(HttpMediaTypeNotSupportedException.class, () -> JsonBody.read(post("text/plain", null), JSON, Map.class, false));
        assertThrows(HttpMediaTypeNotSupportedException.class, () -> JsonBody.read(post(null, "{}"), JSON, Map.class, false));
        assertThrows(HttpMediaTypeNotSupportedException.class,
                () -> JsonBody.read(post("application/x-www-form-urlencoded", "a=1"), JSON, Map.class, false));
        assertThrows(HttpMediaTypeNotSupportedException.class, () -> JsonBody.read(post("not a type", "{}"), JSON, Map.class, false));
    }

    @Test
    void badJsonIs400() {
        for (String bad : new String[] {"{", "[]", "\"x\"", "{\"command\":", "{\"timeoutMs\":-99999999999999999999}",
                "{\"a\":" + "[".repeat(5000) + "}"}) {
            Class<?> type = bad.contains("command") || bad.contains("timeoutMs") ? Cmd.class : Map.class;
            assertThrows(HttpMessageNotReadableException.class, () -> JsonBody.read(post("application/json", bad), JSON, type, false), bad);
        }
    }
}
