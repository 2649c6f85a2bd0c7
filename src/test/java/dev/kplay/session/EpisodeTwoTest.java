package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Episode II through a session, as a bash user meets it: chardev.c without .owner, the shell holds
 * /dev/chardev on fd 3, rmmod unloads the module anyway, and a reader of the open file oopses in
 * vfs_read, oopses again in filp_close as it dies (a recursive fault), and stays for good as a
 * dead task: X in ps and in /proc/PID/status, with no stack, deaf to kill -9. Closing the file
 * later oopses in filp_close from close(2).
 */
class EpisodeTwoTest {
    static Session loaded() throws IOException {
        Session s = new Session("ep2", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("chardev.c", Hello3StoryTest.golden("chardev-noowner/chardev.c"));
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod chardev.ko", 5_000L).exitCode());
        assertEquals(0, s.exec("exec 3< /dev/chardev", 5_000L).exitCode());
        assertTrue(s.exec("lsmod", 5_000L).output().contains("\nchardev                16384  0\n"));
        assertEquals(0, s.exec("rmmod chardev 3<&-", 5_000L).exitCode());
        return s;
    }

    @Test
    void theReaderIsLeftDead() throws IOException {
        Session s = loaded();
        Shell.Result bg = s.exec("cat <&3 &", 5_000L);
        assertEquals(0, bg.exitCode(), bg.output());
        String d = s.dmesg();
        int first = d.indexOf("Oops: 0000 [#1] PREEMPT SMP NOPTI");
        int second = d.indexOf("Oops: 0000 [#2] PREEMPT SMP NOPTI");
        int fixing = d.indexOf("Fixing recursive fault but reboot is needed!");
        assertTrue(first > 0 && second > first && fixing > second, d);
        assertTrue(d.substring(first, second).contains("RIP: 0010:vfs_read+"), d);
        assertTrue(d.substring(second, fixing).contains("RIP: 0010:filp_close+"), d);
        assertTrue(d.substring(second, fixing).contains(" put_files_struct+0x78/0xd0\n"), d);
        assertTrue(d.substring(second, fixing).contains(" make_task_dead+0x8d/0x90\n"), d);
        // oops_end()'s summary after the second oops repeats the first oops's registers
        String tail = d.substring(d.lastIndexOf("---[ end trace"), fixing);
        assertTrue(tail.contains("RIP: 0010:vfs_read+"), tail);

        // kill is a builtin (no child, no fd 3 inherited): the dead reader ignores SIGKILL
        assertEquals(0, s.exec("kill -9 $!", 5_000L).exitCode());
        // every later command inherits fd 3 too: it does its work, then dies closing the file, and
        // stays dead; bash waits for it forever, so the session reports it as still running
        Pattern dead = Pattern.compile("(?m)^ +\\d+ +\\d+ X +\\[cat\\]$");
        Shell.Result ps = s.exec("ps -o pid,ppid,stat,args", 5_000L);
        assertTrue(dead.matcher(ps.output()).find(), ps.output());
        assertTrue(ps.running(), ps.toString());
        assertTrue(s.dmesg().contains("Comm: ps Tainted:"), s.dmesg());
        assertTrue(s.dmesg().contains(" __x64_sys_exit_group+0x14/0x20\n"), s.dmesg());
        // a line typed now is type-ahead in the tty (echoed); bash never gets to read it (real bash
        // waits in do_wait() for the dead ps forever: the old behaviour of running it was kplay's)
        Shell.Result ahead = s.exec("grep State /proc/$!/status", 5_000L);
        assertTrue(ahead.running(), ahead.toString());
        assertEquals("grep State /proc/$!/status\n", ahead.output());
        assertEquals(List.of('X', 'X'), s.snapshot().tasks().stream().filter(t -> t.state() == 'X')
                .map(t -> t.state()).toList());
    }

    @Test
    void closingTheFileAfterRmmodOopsesInFilpClose() throws IOException {
        Session s = loaded();
        s.exec("exec 3<&-", 5_000L);
        String d = s.dmesg();
        assertTrue(d.contains("RIP: 0010:filp_close+"), d);
        assertTrue(d.contains(" __x64_sys_close+0xd/0x50\n"), d);
    }
}
