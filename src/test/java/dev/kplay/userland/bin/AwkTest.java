package dev.kplay.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kplay.userland.FakeSyscalls;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * awk against Debian's own: every case in resources/userland/awk-cases.txt (recorded from mawk
 * 1.3.4 by awk-cases.py beside it) runs as {@code awk ARGS in} in the shell and must print the
 * same bytes and exit with the same status.
 */
class AwkTest {
    record Case(String input, String args, int rc, String output) {}

    static Map<String, String> files = new HashMap<>();

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = AwkTest.class.getResourceAsStream("/userland/awk-cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("### file: ")) {
                String name = lines[i].substring(10);
                StringBuilder b = new StringBuilder();
                while (!lines[++i].equals("### end")) {
                    b.append(lines[i]).append('\n');
                }
                files.put(name, b.toString());
            } else if (lines[i].startsWith("### input: ")) {
                String input = lines[i].substring(11);
                String args = lines[++i].substring("### args: ".length());
                int rc = Integer.parseInt(lines[++i].substring("### rc: ".length()));
                StringBuilder b = new StringBuilder();
                while (!lines[++i].endsWith("### end")) {
                    b.append(lines[i]).append('\n');
                }
                b.append(lines[i], 0, lines[i].length() - "### end".length());
                out.add(new Case(input, args, rc, b.toString()));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> awkMatchesMawk() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest("awk " + c.args(), () -> {
                FakeSyscalls sys = new FakeSyscalls();
                sys.put("/root/in", files.get(c.input()));
                Shell sh = new Shell(sys, n -> true, Map.of());
                Shell.Result r = sh.run("awk " + c.args() + " in");
                assertEquals(c.output(), r.output());
                assertEquals(c.rc(), r.exitCode());
            }));
        }
        if (tests.size() < 40) {
            throw new IllegalStateException("awk-cases.txt lost its cases");
        }
        return tests;
    }
}
