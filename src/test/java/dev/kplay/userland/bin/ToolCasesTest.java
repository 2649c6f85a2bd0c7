package dev.kplay.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kplay.userland.FakeSyscalls;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The text tools against Debian's: every command line in resources/userland/tool-cases.txt
 * (recorded from bash, coreutils, sed, grep and xxd by tool-cases.py beside it) runs in kplay's
 * shell over the same files in /root and must print the same bytes with the same exit status.
 */
class ToolCasesTest {
    record Case(String command, int rc, String output) {}

    static final Map<String, String> FILES = new LinkedHashMap<>();

    static List<Case> cases() throws IOException {
        return cases("/userland/tool-cases.txt", FILES);
    }

    /** The cases of a recorded resource in this format; its files go into {@code files}. */
    static List<Case> cases(String resource, Map<String, String> files) throws IOException {
        String text;
        try (InputStream in = ToolCasesTest.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("### file: ")) {
                String body = lines[++i];
                files.put(lines[i - 1].substring(10), unescape(body.substring(0, body.length() - "### end".length())));
            } else if (lines[i].startsWith("### cmd: ")) {
                String cmd = lines[i].substring(9);
                int rc = Integer.parseInt(lines[++i].substring("### rc: ".length()));
                StringBuilder b = new StringBuilder();
                while (!lines[++i].endsWith("### end")) {
                    b.append(lines[i]).append('\n');
                }
                b.append(lines[i], 0, lines[i].length() - "### end".length());
                out.add(new Case(cmd, rc, b.toString()));
            }
        }
        return out;
    }

    /** Python's unicode_escape: \n \t \\ \xHH. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'x' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    @TestFactory
    List<DynamicTest> toolsMatchDebian() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.command(), () -> {
                FakeSyscalls sys = new FakeSyscalls();
                FILES.forEach((name, body) -> sys.files.put("/root/" + name, body.getBytes(StandardCharsets.ISO_8859_1)));
                Shell sh = new Shell(sys, n -> true, Map.of());
                Shell.Result r = sh.run(c.command());
                assertEquals(c.output(), r.output(), c.command());
                assertEquals(c.rc(), r.exitCode(), c.command());
            }));
        }
        if (tests.size() < 100) {
            throw new IllegalStateException("tool-cases.txt lost its cases");
        }
        return tests;
    }
}
