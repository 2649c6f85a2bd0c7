package dev.kplay.cc.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kplay.cc.diag.Diagnostics;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void compilesAndRunsAFunction() {
        String src = """
            int printf(const char *fmt, ...);
            static int counter = 40;
            struct point { int x, y; };
            static int add(struct point p) { return p.x + p.y; }
            int run(int n) {
                struct point p = { .x = n, .y = 2 };
                counter += add(p);
                printf("counter %d %s\\n", counter, "ok");
                return counter;
            }
            """;
        TestMachine m = new TestMachine(TestMachine.compile("t.c", src, new Diagnostics()));
        assertEquals(42 + 3, m.call("run", 3));
        assertEquals("counter 45 ok\n", m.out.toString());
    }
}
