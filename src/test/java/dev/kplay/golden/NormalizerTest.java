package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    @Test
    void runToRunValuesCompareEqual() {
        assertEquals(Normalizer.norm("[    1.706204] BUG: unable to handle page fault for address: ffffffffc030b008"),
                Normalizer.norm("[    2.000001] BUG: unable to handle page fault for address: ffffffffc0001008"));
        assertEquals(Normalizer.norm("CPU: 0 PID: 91 Comm: rmmod Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2"),
                Normalizer.norm("CPU: 0 PID: 7 Comm: rmmod Tainted: G OE 6.1.0-56-amd64 #1 Debian 6.1.192-2"));
        assertEquals(Normalizer.norm("hello_3                16384  -1"), Normalizer.norm("hello_3 20480 -1"));
    }

    @Test
    void wordingAndTaintDifferencesDoNot() {
        assertNotEquals(Normalizer.norm("RIP: 0010:hello_3_exit+0x0/0x1000 [hello_3]"),
                Normalizer.norm("RIP: 0010:hello_3_init+0x0/0x1000 [hello_3]"));
        assertNotEquals(Normalizer.norm("CPU: 0 PID: 91 Comm: rmmod Tainted: G      D    OE      6.1.0-56-amd64 #1"),
                Normalizer.norm("CPU: 0 PID: 91 Comm: rmmod Tainted: G           OE      6.1.0-56-amd64 #1"));
    }

    @Test
    void subsequenceKeepsOrder() {
        assertNull(Normalizer.firstMissingInOrder(List.of("a", "c"), List.of("a", "b", "c")));
        assertEquals("a", Normalizer.firstMissingInOrder(List.of("c", "a"), List.of("a", "b", "c")));
    }
}
