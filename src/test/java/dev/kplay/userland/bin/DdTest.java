package dev.kplay.userland.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * dd against coreutils 9.1's: every command line of resources/userland/dd-cases.txt (recorded by
 * dd-cases.py beside it) runs in a kplay session over the same files and must print the same bytes
 * with the same exit status; and each of dd's own transfer lines recorded there comes back from
 * kplay's formatting given its bytes and time.
 */
class DdTest {
    private static final Pattern XFER = Pattern.compile("(\\d+) bytes? .*copied, (\\S+) s, .*");

    @TestFactory
    List<DynamicTest> ddMatchesCoreutils() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<ToolCasesTest.Case> cases = ToolCasesTest.cases("/userland/dd-cases.txt", files);
        List<DynamicTest> tests = new ArrayList<>();
        for (ToolCasesTest.Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.command(), () -> {
                Session s = new Session("dd", Kbuild::make, SessionLimits.defaults().fastForward(), System::nanoTime);
                files.forEach(s::putFile);
                Shell.Result r = s.exec(c.command(), 10_000L);
                assertEquals(c.output(), r.output(), c.command());
                assertEquals(c.rc(), r.exitCode(), c.command());
                s.close();
            }));
        }
        if (tests.size() < 30) {
            throw new IllegalStateException("dd-cases.txt lost its cases");
        }
        return tests;
    }

    @Test
    void transferLinesAreDds() throws IOException {
        String text;
        try (InputStream in = DdTest.class.getResourceAsStream("/userland/dd-cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int n = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith("### xfer: ")) {
                continue;
            }
            String xfer = line.substring("### xfer: ".length());
            Matcher m = XFER.matcher(xfer);
            assertTrue(m.matches(), xfer);
            long nanos = new BigDecimal(m.group(2)).movePointRight(9).longValueExact();
            assertEquals(xfer, Dd.transfer(Long.parseLong(m.group(1)), nanos));
            n++;
        }
        assertTrue(n >= 15, "dd-cases.txt lost its transfer lines");
    }

    @Test
    void numbersTakeDdsSuffixesAndProducts() {
        assertEquals(1024, Dd.number("1k"));
        assertEquals(1024, Dd.number("1K"));
        assertEquals(1000, Dd.number("1kB"));
        assertEquals(1 << 20, Dd.number("1M"));
        assertEquals(1 << 20, Dd.number("1MiB"));
        assertEquals(6, Dd.number("2x3"));
        assertEquals(1024, Dd.number("2x512"));
        assertEquals(-1, Dd.number("1x"));
        assertEquals(-1, Dd.number("x"));
        assertEquals(-1, Dd.number("99999999999999999999"));
    }
}
