package dev.kplay.kernel;

import dev.kplay.kernel.printk.LogRecord;
import dev.kplay.kernel.printk.LogRing;
import dev.kplay.kernel.printk.Printk;
import dev.kplay.kernel.printk.Vsprintf;
import dev.kplay.kernel.time.Clock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** printk levels, KERN_CONT joining, the ring bound, and vsprintf's formats. */
class PrintkTest {
    final LogRing ring = new LogRing(1 << 16);
    final Printk printk = new Printk(ring, new Clock());

    String fmt(String f, long... args) {
        int[] i = {0};
        return Vsprintf.format(f, () -> args[i[0]++], new Vsprintf.Memory() {
            @Override public String cString(long addr, int max) { return addr == 0x10000 ? "world" : null; }
            @Override public String symbol(long addr, boolean off) { return off ? "hello_init+0x4/0x20 [hello]" : "hello_init"; }
        });
    }

    @Test
    void levelsAndDefault() {
        printk.printk("\0013error\n");
        printk.printk("plain\n");
        printk.printk("\0017debug\n");
        List<LogRecord> r = ring.records();
        assertEquals(List.of(3, 4, 7), r.stream().map(LogRecord::level).toList());
        assertEquals("<4>[    0.000104] plain", r.get(1).syslog());
    }

    @Test
    void contJoinsOntoTheOpenRecordAndReadersSeeOnlyFinishedLines() {
        printk.printk("\0016pr_info with");
        assertEquals(0, ring.records().size());
        printk.printk("\001c a continuation\n");
        assertEquals(List.of("pr_info with a continuation"), ring.records().stream().map(LogRecord::text).toList());
        printk.printk("\0016no newline");
        printk.printk("\0016next\n");
        assertEquals(List.of("pr_info with a continuation", "no newline", "next"),
                ring.records().stream().map(LogRecord::text).toList());
    }

    /** A newline inside one printk: each line gets the prefix from syslog(2), /dev/kmsg escapes it (as 6.1's printk.c). */
    @Test
    void aRecordOfSeveralLinesIsPrefixedPerLineAndEscapedInKmsg() {
        LogRecord r = new LogRecord(7, 6, 0, 3_245_846_000L, "strconv: kstrtoint(\"7\n\") = 0 \\ ’");
        assertEquals("<6>[    3.245846] strconv: kstrtoint(\"7\n<6>[    3.245846] \") = 0 \\ ’", r.syslog());
        assertEquals("[    3.245846] strconv: kstrtoint(\"7\n[    3.245846] \") = 0 \\ ’", r.console());
        assertEquals("6,7,3245846,-;strconv: kstrtoint(\"7\\x0a\") = 0 \\x5c \\xe2\\x80\\x99", r.kmsg());
    }

    @Test
    void oldestRecordsAreOverwritten() {
        LogRing small = new LogRing(1000);
        Printk p = new Printk(small, new Clock());
        for (int i = 0; i < 100; i++) {
            p.printk("line " + i + "\n");
        }
        List<LogRecord> r = small.records();
        assertEquals("line 99", r.get(r.size() - 1).text());
        assertEquals(100 - r.size(), r.get(0).seq());
    }

    @Test
    void subscribersGetFinalizedRecords() throws Exception {
        List<String> got = new ArrayList<>();
        try (AutoCloseable c = ring.subscribe(r -> got.add(r.text()))) {
            printk.printk("a");
            printk.printk("\001cb\n");
        }
        printk.printk("c\n");
        assertEquals(List.of("ab"), got);
    }

    @Test
    void vsprintfIntegers() {
        assertEquals("42 -1 4294967295 ff FF 17", fmt("%d %i %u %x %X %o", 42, -1, -1, 255, 255, 15));
        assertEquals("[   42] [42   ] [00042] [+42] [ 42]", fmt("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42));
        assertEquals("0x1f 017 -9223372036854775808 18446744073709551615", fmt("%#x %#o %lld %llu", 31, 15, Long.MIN_VALUE, -1));
        assertEquals("ffff ff 65535 00042", fmt("%hx %hhx %hu %.5d", -1, -1, -1, 42));
        assertEquals("-5 5 %", fmt("%zd %zu %%", -5, 5));
    }

    @Test
    void vsprintfStringsCharsPointers() {
        assertEquals("hello world! [  world] [wor]", fmt("hello %s%c [%7s] [%.3s]", 0x10000, (long) '!', 0x10000, 0x10000));
        assertEquals("(null) (efault)", fmt("%s %s", 0, 5));
        assertEquals("0000000000000000 ffffffffc0305000", fmt("%p %px", 0, 0xffffffffc0305000L));
        // ptr_to_id() before the random pool is ready (as in the oracle's guest): the placeholder, width 16
        assertEquals("(____ptrval____)", fmt("%p", 0xffff888000001000L));
        assertEquals("[(____ptrval____)]", fmt("[%20p]", 0xffff888000001000L));
        assertEquals("(____ptrval____)", fmt("%pK", 0xffff888000001000L));
        assertEquals("hello_init+0x4/0x20 [hello] hello_init", fmt("%pS %ps", 1, 1));
    }

    @Test
    void hexBytesAsHexStringDoes() {
        byte[] data = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2};
        Vsprintf.Memory mem = new Vsprintf.Memory() {
            @Override public String cString(long addr, int max) { return null; }
            @Override public String symbol(long addr, boolean off) { return null; }
            @Override public byte[] bytes(long addr, int len) { return java.util.Arrays.copyOf(data, len); }
        };
        long[] args = {6, 0x1000, 4, 0x1000, 3, 0x1000, 0x1000};
        int[] i = {0};
        assertEquals("[de ad be ef 01 02] [de:ad:be:ef] [deadbe] [de]",
            Vsprintf.format("[%*ph] [%*phC] [%*phN] [%ph]", () -> args[i[0]++], mem));
    }
}
