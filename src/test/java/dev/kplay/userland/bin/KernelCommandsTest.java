package dev.kplay.userland.bin;

import dev.kplay.userland.sh.Shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands against a real booted kernel (no module loaded: the toolchain is not needed). */
class KernelCommandsTest {
    Kernel kernel;
    Shell sh;

    @BeforeEach
    void boot() {
        kernel = Kernel.boot(KernelConfig.defaults());
        sh = new Shell(kernel, n -> {
            kernel.advanceTime(n);
            return true;
        }, Map.of());
    }

    Shell.Result run(String line) {
        return sh.run(line);
    }

    @Test
    void theShellIsAProcessAndReapsItsChildren() {
        String ps = run("ps -o pid,ppid,stat,comm").output();
        assertTrue(ps.startsWith("    PID    PPID STAT COMMAND\n"), ps);
        assertTrue(ps.contains(String.format("%7d       1 Ss   bash\n", sh.pid())), ps);
        assertTrue(ps.contains(" R+   ps\n"), ps);
        String again = run("ps").output();
        assertEquals(3, again.split("\n").length, "bash and this ps only: the earlier ps was reaped\n" + again);
    }

    /** procps reads -eo LIST as -e -o LIST: the o ends the cluster and takes the rest, or the next word. */
    @Test
    void anOptionClusterEndingInOTakesTheColumnList() {
        String ps = run("ps -eo pid,stat,comm").output();
        assertTrue(ps.startsWith("    PID STAT COMMAND\n"), ps);
        assertTrue(ps.contains(" S    kthreadd\n"), ps);
        String lastPs = "\\s+\\d+ R\\+ +ps\\n";   // each ps lists itself with its own pid
        assertEquals(ps.replaceAll(lastPs, "\n"), run("ps -e -o pid,stat,comm").output().replaceAll(lastPs, "\n"));
        assertTrue(run("ps -eopid").output().startsWith("    PID\n"), run("ps -eopid").output());
    }

    @Test
    void kmodToolsWithNothingLoaded() {
        assertEquals("Module                  Size  Used by\n", run("lsmod").output());
        Shell.Result r = run("rmmod hello_3");
        assertEquals("rmmod: ERROR: Module hello_3 is not currently loaded\n", r.output());
        assertEquals(1, r.exitCode());
        assertEquals("insmod: ERROR: could not load module /nonexistent.ko: No such file or directory\n",
                run("insmod /nonexistent.ko").output());
        run("echo junk > /root/junk.ko");
        assertEquals("insmod: ERROR: could not insert module junk.ko: Invalid module format\n", run("insmod junk.ko").output());
        assertEquals("0\n", run("cat /proc/sys/kernel/tainted").output());
    }

    @Test
    void filesInRoot() {
        run("echo hello > f; echo world >> f");
        assertEquals("hello\nworld\n", run("cat /root/f").output());
        assertEquals("2 f\n", run("wc -l f").output());
        assertEquals("f\n", run("ls").output());
        assertEquals("bash: /proc/nope/x: No such file or directory\n", run("echo x > /proc/nope/x").output());
    }

    @Test
    void sleepAdvancesKernelTime() {
        long before = kernel.now();
        run("sleep 2");
        assertEquals(2_000_000_000L, kernel.now() - before);
    }

    @Test
    void unameComesFromTheKernel() {
        assertEquals("6.1.0-56-amd64\n", run("uname -r").output());
    }

    @Test
    void theShellHoldsAnExecFdInTheKernelAcrossCommands() {
        run("printf 'one\\ntwo\\n' > /root/lines");
        assertEquals(0, run("exec 3< /root/lines").exitCode());
        assertEquals("one\n", run("head -n 1 <&3").output());
        assertEquals(0, run("exec 3<&-").exitCode());
        assertEquals("bash: 3: Bad file descriptor\n", run("cat <&3").output());
    }
}
