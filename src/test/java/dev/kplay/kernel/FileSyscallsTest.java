package dev.kplay.kernel;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.ko.KoFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ioctl(2), lseek(2) and poll(2) on a module's misc devices (kernel/fs/kio.c), called as user
 * space's dispatcher calls them, with the argument in user memory.
 */
class FileSyscallsTest extends KernelTestSupport {
    static final int KIO_GET = 0x80046b01, KIO_SET = 0x40046b02, KIO_ARM = 0x6b03, KIO_BIG = 0x6b04;
    static final long USER = 0x00007f0000000000L;
    int pid;

    @BeforeEach
    void load() throws IOException {
        String src;
        try (InputStream in = getClass().getResourceAsStream("/kernel/fs/kio.c")) {
            src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BuildResult r = Kbuild.build(Map.of("kio.c", src));
        assertTrue(r.ok(), r.output());
        writeFile("/root/kio.ko", KoFile.encode(r.artifacts().get("kio.ko")));
        assertEquals(0, insmod("/root/kio.ko", "", null), String.join("\n", dmesg()));
        pid = k.spawn(1, "prog", List.of("prog"));
        k.memory().map(USER, 4096);
    }

    int open(String path) {
        long fd = k.open(pid, path, 2, 0);
        assertTrue(fd >= 0, path + ": " + fd);
        return (int) fd;
    }

    @Test
    void ioctlCopiesThroughUserMemoryAndKeepsLinuxErrnos() {
        int fd = open("/dev/kio");
        assertEquals(0, k.ioctl(pid, fd, KIO_GET, USER));
        assertEquals(7, k.memory().load(USER, 4));
        k.memory().store(USER, 4, 41);
        assertEquals(0, k.ioctl(pid, fd, KIO_SET, USER));
        assertEquals(42, k.ioctl(pid, fd, KIO_ARM, 0));
        assertEquals(5, k.ioctl(pid, fd, KIO_BIG, 0), "do_vfs_ioctl returns an int");
        assertEquals(-14, k.ioctl(pid, fd, KIO_GET, 0x1000), "EFAULT from copy_to_user to an unmapped page");
        assertEquals(-25, k.ioctl(pid, fd, 0x1234, 0), "-ENOIOCTLCMD becomes ENOTTY");
        assertEquals(-9, k.ioctl(pid, 99, KIO_GET, USER));
        int plain = open("/dev/kplain");
        assertEquals(-25, k.ioctl(pid, plain, KIO_GET, USER), "no unlocked_ioctl");
        k.memory().store(USER, 4, 1);
        assertEquals(0, k.ioctl(pid, plain, 0x5421, USER), "FIONBIO");
        assertEquals(-25, k.ioctl(pid, plain, 0x5452, USER), "FIOASYNC without fasync");
    }

    @Test
    void lseekFollowsTheDriversLlseekOrRefuses() {
        int fd = open("/dev/kio");
        assertEquals(40, k.lseek(pid, fd, 40, 0));
        assertEquals(50, k.lseek(pid, fd, 10, 1));
        assertEquals(90, k.lseek(pid, fd, -10, 2));
        assertEquals(-22, k.lseek(pid, fd, 101, 0), "past fixed_size_llseek's size");
        assertEquals(-22, k.lseek(pid, fd, 0, 3), "SEEK_DATA is not fixed_size_llseek's");
        assertEquals(-22, k.lseek(pid, fd, 0, 7), "whence past SEEK_MAX");
        assertEquals(-29, k.lseek(pid, open("/dev/kplain"), 0, 0), "no llseek: FMODE_LSEEK cleared at open");
        assertEquals(-29, k.lseek(pid, open("/dev/knoseek"), 0, 0), "nonseekable_open");
        assertEquals(0, k.lseek(pid, open("/dev/knoop"), 123, 0), "noop_llseek keeps f_pos");
        assertEquals(-9, k.lseek(pid, 77, 0, 0));
        writeFile("/root/f", "hello".getBytes(StandardCharsets.UTF_8));
        int f = (int) k.open(pid, "/root/f", 0, 0);
        assertEquals(5, k.lseek(pid, f, 0, 2));
        assertEquals(1, k.lseek(pid, f, 1, 0));
        assertArrayEquals("ello".getBytes(StandardCharsets.UTF_8), k.read(pid, f, 10));
        assertEquals(-22, k.lseek(pid, f, -10, 1));
        int m = (int) k.open(pid, "/proc/modules", 0, 0);
        assertEquals(-22, k.lseek(pid, m, 0, 2), "seq_lseek has no SEEK_END");
        assertEquals(4, k.lseek(pid, m, 4, 0));
        assertEquals("1638", new String(k.read(pid, m, 4), StandardCharsets.UTF_8), "read from the seeked position");
    }

    @Test
    void pollReportsMasksAndSleepsUntilTheDriverWakesIt() {
        int fd = open("/dev/kio");
        int plain = open("/dev/kplain");
        int[] revents = new int[3];
        assertEquals(2, k.poll(pid, new int[] {fd, plain, 55}, new int[] {1, 1 | 4, 1}, revents, 0));
        assertArrayEquals(new int[] {0, 5, 0x20}, revents, "nothing yet; DEFAULT_POLLMASK filtered; POLLNVAL");
        long t0 = k.now();
        assertEquals(0, k.poll(pid, new int[] {fd}, new int[] {1}, revents, 30));
        assertTrue(k.now() - t0 >= 30_000_000L, "timed out after 30 ms");
        assertEquals(8, k.ioctl(pid, fd, KIO_ARM, 0), "armed the timer");
        t0 = k.now();
        assertEquals(1, k.poll(pid, new int[] {fd}, new int[] {1}, revents, -1));
        assertEquals(1, revents[0], "EPOLLRDNORM was not asked for");
        long waited = k.now() - t0;
        assertTrue(waited >= 90_000_000L && waited < 200_000_000L, "woken by the timer's wake_up: " + waited);
        assertEquals('R', k.snapshot().tasks().stream().filter(t -> t.pid() == pid).findFirst().get().state());
    }

    @Test
    void readIterAndWriteIterGoThroughTheIovIterAsNewSyncReadMakesIt() throws IOException {
        String src;
        try (InputStream in = getClass().getResourceAsStream("/kernel/fs/kiter.c")) {
            src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BuildResult r = Kbuild.build(Map.of("kiter.c", src));
        assertTrue(r.ok(), r.output());
        writeFile("/root/kiter.ko", KoFile.encode(r.artifacts().get("kiter.ko")));
        assertEquals(0, insmod("/root/kiter.ko", "", null), String.join("\n", dmesg()));
        assertEquals("iter says hi\n", cat("/dev/kiter"));
        int fd = open("/dev/kiter");
        assertEquals(5, k.write(pid, fd, "hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(dmesg().get(dmesg().size() - 1).endsWith("kiter: took 5 bytes at 0"), String.join("\n", dmesg()));
        assertEquals("hello", cat("/dev/kiter"));
        assertEquals("len=5\n", cat("/dev/kseq"), "a char device whose read_iter is seq_read_iter");
        assertEquals("len=5\n", cat("/proc/kseq"), "a /proc file whose proc_read_iter is seq_read_iter");
        int s = (int) k.open(pid, "/proc/kseq", 0, 0);
        assertEquals(2, k.lseek(pid, s, 2, 0));
        assertArrayEquals("n=5\n".getBytes(StandardCharsets.UTF_8), k.read(pid, s, 100));
    }

    @Test
    void anEndlessPollThatNothingCanEndLeavesTheTaskAsleep() {
        int fd = open("/dev/kio");
        assertEquals(Kernel.RUNNING, k.poll(pid, new int[] {fd}, new int[] {1}, new int[1], -1));
        assertEquals('S', k.snapshot().tasks().stream().filter(t -> t.pid() == pid).findFirst().get().state());
        assertEquals(0, k.kill(pid, 9));
        assertEquals(9, k.exitStatus(pid));
    }
}
