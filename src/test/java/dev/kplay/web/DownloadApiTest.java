package dev.kplay.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.ko.KoFile;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Downloads on a real server: the sources as a zip of a module directory with a Makefile, the
 * built .ko byte for byte as kbuild made it, the session as a scenario file that replays, each an
 * attachment with its name and content type; unknown files and sessions are 404 JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kplay.http.sessions-per-minute=1000"})
@ExtendWith(OutputCaptureExtension.class)
class DownloadApiTest {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<byte[]> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("/files/") ? "text/plain" : "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void sourcesKoAndScenarioComeAsNamedAttachments(CapturedOutput log) throws Exception {
        String hello = ScenarioApiTest.hello3();
        String id = JsonPath.read(text(call("POST", "/api/sessions", null)), "$.id");
        String base = "/api/sessions/" + id;
        assertEquals(204, call("PUT", base + "/files/hello-3.c", hello).statusCode());
        assertEquals(true, JsonPath.read(text(call("POST", base + "/build", "{}")), "$.ok"));
        call("POST", base + "/exec", "{\"command\":\"insmod hello-3.ko\"}");

        HttpResponse<byte[]> zip = call("GET", base + "/sources.zip", null);
        assertEquals(200, zip.statusCode());
        assertEquals("application/zip", header(zip, "Content-Type"));
        assertEquals("attachment; filename=\"hello-3.zip\"", header(zip, "Content-Disposition"));
        Map<String, String> entries = unzip(zip.body());
        assertEquals(List.of("hello-3/Makefile", "hello-3/hello-3.c"), List.copyOf(entries.keySet()));
        assertEquals(hello, entries.get("hello-3/hello-3.c"));
        assertTrue(entries.get("hello-3/Makefile").startsWith("obj-m += hello-3.o\n"), entries.get("hello-3/Makefile"));
        assertTrue(entries.get("hello-3/Makefile").contains("\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n"));
        assertArrayEquals(zip.body(), call("GET", base + "/sources.zip", null).body(), "the same files, the same bytes");
        call("POST", base + "/exec", "{\"command\":\"echo '/* mine */' >> ~/linux/kernel/sys.c\"}");
        Map<String, String> withTree = unzip(call("GET", base + "/sources.zip", null).body());
        assertEquals(List.of("hello-3/Makefile", "hello-3/hello-3.c", "hello-3/linux/kernel/sys.c"), List.copyOf(withTree.keySet()),
                "of ~/linux, only what the session changed");
        assertTrue(withTree.get("hello-3/linux/kernel/sys.c").endsWith("/* mine */\n"));
        HttpResponse<byte[]> treeScenario = call("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"steps\":["
                + "{\"type\":\"write\",\"name\":\"linux/kernel/sys.c\",\"text\":\"/* replaced */\\n\"},"
                + "{\"type\":\"exec\",\"command\":\"cat ~/linux/kernel/sys.c\"}]}}");
        assertEquals(201, treeScenario.statusCode(), text(treeScenario));
        assertEquals(List.of("/* replaced */\n"), JsonPath.read(text(treeScenario), "$.replay.frames[?(@.type == 'exec')].output"),
                "a scenario may write files of ~/linux");
        assertEquals(400, call("POST", "/api/sessions", "{\"scenario\":{\"version\":1,\"files\":{\"linux/../x\":\"\"}}}").statusCode());

        HttpResponse<byte[]> ko = call("GET", base + "/download/hello-3.ko", null);
        assertEquals(200, ko.statusCode());
        assertEquals("application/x-object", header(ko, "Content-Type"));
        assertEquals("attachment; filename=\"hello-3.ko\"", header(ko, "Content-Disposition"));
        byte[] expected = KoFile.encode(Kbuild.build(Map.of("hello-3.c", hello)).artifacts().get("hello-3.ko"));
        assertArrayEquals(expected, ko.body(), "the .ko kbuild made, as insmod reads it");

        HttpResponse<byte[]> source = call("GET", base + "/download/hello-3.c", null);
        assertEquals("text/x-csrc;charset=utf-8", header(source, "Content-Type").replace(" ", ""));
        assertEquals(hello, text(source));

        HttpResponse<byte[]> scenario = call("GET", base + "/scenario.json", null);
        assertEquals(200, scenario.statusCode());
        assertEquals("application/json", header(scenario, "Content-Type"));
        assertEquals("attachment; filename=\"kplay-" + id.substring(0, 8) + ".scenario.json\"", header(scenario, "Content-Disposition"));
        String dmesg = text(call("GET", base + "/dmesg", null));
        assertEquals(dmesg, JsonPath.read(text(scenario), "$.dmesg"));
        HttpResponse<byte[]> replay = call("POST", "/api/sessions", "{\"scenario\":" + text(scenario) + "}");
        assertEquals(201, replay.statusCode(), text(replay));
        assertEquals(true, JsonPath.read(text(replay), "$.replay.identical"), "the downloaded file replays as recorded");

        HttpResponse<byte[]> bare = call("GET", base + "/scenario?outputs=false", null);
        assertEquals(200, bare.statusCode());
        assertFalse(text(bare).contains("\"output\""), text(bare));
        assertFalse(text(bare).contains("\"dmesg\""), text(bare));
        assertEquals(List.of("insmod hello-3.ko", "echo '/* mine */' >> ~/linux/kernel/sys.c"),
                JsonPath.read(text(bare), "$.steps[?(@.type == 'exec')].command"));

        HttpResponse<byte[]> missing = call("GET", base + "/download/nothing.ko", null);
        assertEquals(404, missing.statusCode());
        assertTrue(header(missing, "Content-Type").startsWith("application/json"), header(missing, "Content-Type"));
        assertEquals(4, call("GET", base + "/download/..", null).statusCode() / 100);
        assertEquals(404, call("GET", "/api/sessions/nosuchsession/sources.zip", null).statusCode());
        assertFalse(log.getAll().contains("Exception"), "the server log stays clean");
    }

    @Test
    void aDirectoryWithItsOwnMakefileKeepsIt() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Makefile", "obj-m += a.o\n");
        files.put("a.c", "");
        assertEquals(files, DownloadController.withMakefile(files));
        assertEquals("kplay-module", DownloadController.directoryName(files));
        assertEquals("kplay-module", DownloadController.directoryName(Map.of("a.c", "", "b.c", "")));
        assertEquals("application/octet-stream", DownloadController.contentType("blob", new byte[] {(byte) 0xff, 0}));
        assertEquals("text/plain; charset=utf-8", DownloadController.contentType("notes", "hi".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/x-executable", DownloadController.contentType("hello", new byte[] {0x7f, 'E', 'L', 'F', 2}));
        String mixed = DownloadController.withMakefile(Map.of("m.c", "int x;\n", "hello.c", "#include <stdio.h>\nint main(void)\n{\n}\n")).get("Makefile");
        assertEquals("obj-m += m.o\n\nPWD := $(CURDIR)\n\nall:\n\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n"
                + "\tgcc -o hello hello.c\n\nclean:\n\t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean\n\trm -f hello\n", mixed);
        assertEquals("PWD := $(CURDIR)\n\nall:\n\tgcc -o hello hello.c\n\nclean:\n\trm -f hello\n",
                DownloadController.withMakefile(Map.of("hello.c", "int main(int argc, char **argv) { }\n")).get("Makefile"));
    }

    static Map<String, String> unzip(byte[] bytes) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
