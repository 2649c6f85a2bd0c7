package dev.kplay.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import org.junit.jupiter.api.Test;

/*
 * CPU-bound user programs on kplay's one CPU (Exec's class comment has the CFS model). The
 * expectations are what Linux 6.1 is certain to show, not numbers it happened to print: the
 * oracle's guest cannot run a compiled program, but a busybox shell loop (sh -c 'while :; do :;
 * done' &) is the same kind of task, and on it the real kernel showed State R throughout,
 * voluntary_ctxt_switches 0, nonvoluntary_ctxt_switches 5 -> 24 -> 56 and utime 117 -> 427 ticks
 * across `sleep 1` and `sleep 3` (it had the CPU whenever the shell slept), schedstat
 * 1218530398 205688792 33 -> 4324401966 303666200 65, and it was gone after kill.
 */

/** Background and foreground programs sharing the CPU: tick and wake-up preemption. */
class TickPreemptionTest {
    static final String SPIN = "int main(void)\n{\n\tvolatile unsigned long i = 0;\n\n\tfor (;;)\n\t\ti++;\n\treturn 0;\n}\n";
    /** About 1.5 s of kplay's virtual CPU, then it prints. */
    static final String COUNT = "#include <stdio.h>\nint main(void)\n{\n\tvolatile unsigned long i;\n\n"
            + "\tfor (i = 0; i < 4000000; i++)\n\t\t;\n\tprintf(\"count done\\n\");\n\treturn 0;\n}\n";

    static Session session() {
        Session s = new Session("sched", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile("spin.c", SPIN);
        s.putFile("count.c", COUNT);
        assertEquals(0, run(s, "gcc -o spin spin.c").exitCode());
        assertEquals(0, run(s, "gcc -o count count.c").exitCode());
        return s;
    }

    static Shell.Result run(Session s, String line) {
        return s.exec(line, 60_000L);
    }

    static long now(Session s) {
        return s.snapshot().uptimeNanos();
    }

    /** /proc/PID/schedstat: sum_exec_runtime, run_delay, pcount. */
    static long[] schedstat(Session s, String pid) {
        String[] f = run(s, "cat /proc/" + pid + "/schedstat").output().trim().split(" ");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
    }

    static long field(Session s, String pid, String name) {
        for (String line : run(s, "cat /proc/" + pid + "/status").output().split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in /proc/" + pid + "/status");
    }

    static String state(Session s, String pid) {
        return run(s, "grep State /proc/" + pid + "/status").output();
    }

    @Test
    void aBackgroundSpinHasTheCpuWhileTheShellSleeps() {
        Session s = session();
        long t0 = now(s);
        Shell.Result start = run(s, "./spin &");
        assertTrue(now(s) - t0 <= 4_000_000L, "the shell goes on at once: the program had at most a tick, not "
                + (now(s) - t0) + " ns");
        String pid = start.output().trim().split(" ")[1];
        assertEquals("State:\tR (running)\n", state(s, pid));
        long[] before = schedstat(s, pid);
        long nivcsw = field(s, pid, "nonvoluntary_ctxt_switches");
        run(s, "sleep 1");
        long[] after = schedstat(s, pid);
        assertEquals("State:\tR (running)\n", state(s, pid));
        long ran = after[0] - before[0];
        assertTrue(ran > 990_000_000L && ran <= 1_000_000_000L, "it had the CPU for the whole second: " + ran);
        assertEquals(0, field(s, pid, "voluntary_ctxt_switches"), "a spin never sleeps");
        assertTrue(field(s, pid, "nonvoluntary_ctxt_switches") > nivcsw, "the sleep's wake-up preempted it");
        long n1 = field(s, pid, "nonvoluntary_ctxt_switches");
        run(s, "sleep 8");
        assertTrue(field(s, pid, "nonvoluntary_ctxt_switches") >= n1 + 2,
                "and the watchdog's stopper every 4 s: " + field(s, pid, "nonvoluntary_ctxt_switches"));
        String ps = run(s, "ps -o pid,stat,time,args").output();
        assertTrue(ps.matches("(?s).*\\b" + pid + " R    00:00:0[89] \\./spin\n.*"), "9 s of CPU in 9 s of sleeping: " + ps);
        assertEquals(0, run(s, "kill %1").exitCode());
        Shell.Result gone = run(s, "sleep 0.1");
        assertTrue(gone.output().contains("Terminated"), gone.output());
        assertEquals(1, run(s, "cat /proc/" + pid + "/status").exitCode());
    }

    @Test
    void twoSpinsTakeTurnsATickEach() {
        Session s = session();
        String a = run(s, "./spin &").output().trim().split(" ")[1];
        String b = run(s, "./spin &").output().trim().split(" ")[1];
        long[] a0 = schedstat(s, a), b0 = schedstat(s, b);
        long na = field(s, a, "nonvoluntary_ctxt_switches"), nb = field(s, b, "nonvoluntary_ctxt_switches");
        run(s, "sleep 1");
        long ra = schedstat(s, a)[0] - a0[0], rb = schedstat(s, b)[0] - b0[0];
        assertTrue(Math.abs(ra - 500_000_000L) <= 8_000_000L && Math.abs(rb - 500_000_000L) <= 8_000_000L,
                "half the second each: " + ra + " " + rb);
        long pa = field(s, a, "nonvoluntary_ctxt_switches") - na, pb = field(s, b, "nonvoluntary_ctxt_switches") - nb;
        assertTrue(pa >= 120 && pa <= 130 && pb >= 120 && pb <= 130, "preempted at every other tick of 250: " + pa + " " + pb);
        assertTrue(schedstat(s, a)[1] - a0[1] >= 490_000_000L, "and waited the other half: " + (schedstat(s, a)[1] - a0[1]));
    }

    @Test
    void aForegroundProgramSharesTheCpuWithABackgroundSpin() {
        Session s = session();
        long t0 = now(s);
        assertEquals("count done\n", run(s, "./count").output());
        long alone = now(s) - t0;
        String pid = run(s, "./spin &").output().trim().split(" ")[1];
        long n0 = field(s, pid, "nonvoluntary_ctxt_switches");
        long t1 = now(s);
        assertEquals("count done\n", run(s, "./count").output());
        long shared = now(s) - t1;
        assertTrue(shared >= 2 * alone - 8_000_000L && shared <= 2 * alone + 8_000_000L,
                "CFS gives each half the CPU: alone " + alone + " ns, next to a spin " + shared + " ns");
        assertTrue(field(s, pid, "nonvoluntary_ctxt_switches") - n0 >= shared / 8_000_000L - 2, "the spin was preempted at the ticks");
        assertEquals("State:\tR (running)\n", state(s, pid));
    }

    /** A timer re-armed every 100 ms that queues work on system_wq each time: the kworker prints. */
    static final String TIMER_WORK = """
            #include <linux/init.h>
            #include <linux/jiffies.h>
            #include <linux/module.h>
            #include <linux/timer.h>
            #include <linux/workqueue.h>
            static struct timer_list t;
            static struct work_struct w;
            static int n;
            static void work_fn(struct work_struct *work) { pr_info("twq: work %d\\n", n); }
            static void timer_fn(struct timer_list *unused)
            {
                n++;
                schedule_work(&w);
                if (n < 5)
                    mod_timer(&t, jiffies + msecs_to_jiffies(100));
            }
            static int __init twq_init(void)
            {
                INIT_WORK(&w, work_fn);
                timer_setup(&t, timer_fn, 0);
                mod_timer(&t, jiffies + msecs_to_jiffies(100));
                return 0;
            }
            static void __exit twq_exit(void) { del_timer_sync(&t); flush_work(&w); }
            module_init(twq_init);
            module_exit(twq_exit);
            MODULE_LICENSE("GPL");
            """;

    @Test
    void aKworkerWokenDuringAForegroundProgramRunsAtOnce() {
        Session s = session();
        s.putFile("twq.c", TIMER_WORK);
        s.build();                                  // twq.ko (the user programs' sources are no modules)
        assertEquals(0, run(s, "insmod twq.ko").exitCode(), s.build().output());
        long t0 = now(s);
        assertEquals("count done\n", run(s, "./count").output());
        assertTrue(now(s) - t0 > 1_000_000_000L, "the program computed past the five works");
        java.util.List<Double> at = new java.util.ArrayList<>();
        for (String line : s.dmesg().split("\n")) {
            if (line.contains("twq: work")) {
                at.add(Double.parseDouble(line.substring(1, line.indexOf(']')).trim()));
            }
        }
        assertEquals(5, at.size(), s.dmesg());
        for (int i = 1; i < at.size(); i++) {
            double gap = at.get(i) - at.get(i - 1);
            assertTrue(gap > 0.1 && gap < 0.106, "the work runs as its timer queues it, not after the program: " + at);
        }
    }

    @Test
    void aBackgroundComputationFinishesAsTimePasses() {
        Session s = session();
        run(s, "./count &");
        assertTrue(run(s, "jobs").output().contains("Running"));
        Shell.Result r = run(s, "sleep 2");
        assertTrue(r.output().contains("count done"), r.output());
        assertTrue(run(s, "jobs").output().contains("Done"));
    }

    @Test
    void idleTimeIsCpuTimeForARunnableProgram() {
        Session s = session();
        String pid = run(s, "./spin &").output().trim().split(" ")[1];
        long before = schedstat(s, pid)[0];
        s.idle(500_000_000L);
        s.idle(500_000_000L);
        long ran = schedstat(s, pid)[0] - before;
        assertTrue(ran > 990_000_000L && ran <= 1_000_000_000L, "idle time is the program's: " + ran);
    }

    @Test
    void oneRequestRunsABoundedAmountOfAProgram() {
        Session s = session();
        String pid = run(s, "./spin &").output().trim().split(" ")[1];
        long before = schedstat(s, pid)[0];
        long t0 = now(s);
        run(s, "sleep 60");
        assertTrue(now(s) - t0 >= 60_000_000_000L, "the sleep still lasts its minute");
        long ran = schedstat(s, pid)[0] - before;
        long bound = dev.kplay.kernel.KernelConfig.defaults().instructionsPerSlice()
                * dev.kplay.kernel.KernelConfig.defaults().nanosPerInstruction();
        assertTrue(ran <= bound, "at most a request's instructions: " + ran);
        assertTrue(ran >= bound - 10_000_000L, "and all of them: " + ran);
        assertEquals("State:\tR (running)\n", state(s, pid));
        long next = schedstat(s, pid)[0];
        run(s, "sleep 1");
        assertTrue(schedstat(s, pid)[0] - next > 990_000_000L, "the next request has its own: " + (schedstat(s, pid)[0] - next) + " ran " + ran + " " + run(s, "cat /proc/" + pid + "/status").output());
    }

    @Test
    void idleTicksOfAnOpenPageCoalesceAndReplayTheSame() {
        java.util.concurrent.atomic.AtomicLong wall = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        Session s = new Session("ticks", Kbuild::build, SessionLimits.defaults(), wall::get);
        s.putFile("spin.c", SPIN);
        assertEquals(0, run(s, "gcc -o spin spin.c").exitCode());
        String pid = run(s, "./spin &").output().trim().split(" ")[1];
        long before = schedstat(s, pid)[0];
        int events = s.events().size();
        for (int i = 0; i < 5 * 60; i++) {          // a minute of the page's 200 ms ticks
            wall.addAndGet(200_000_000L);
            s.passTime();
        }
        long ran = schedstat(s, pid)[0] - before;
        assertTrue(ran > 59_000_000_000L, "the minute was the program's: " + ran);
        assertTrue(s.events().size() - events <= 8, "stretches of up to a request's bound are one event: "
                + (s.events().size() - events));
        String live = run(s, "cat /proc/" + pid + "/schedstat").output();
        Session again = Session.replay("again", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(),
                System::nanoTime);
        assertEquals(live, run(again, "cat /proc/" + pid + "/schedstat").output());
    }

    @Test
    void aReplayGivesTheSameBytes() {
        Session s = session();
        String pid = run(s, "./spin &").output().trim().split(" ")[1];
        run(s, "./count");
        run(s, "sleep 1");
        s.idle(300_000_000L);
        String live = run(s, "cat /proc/" + pid + "/schedstat /proc/" + pid + "/status").output();
        Session again = Session.replay("again", s.events(), Kbuild::build, SessionLimits.defaults().fastForward(),
                System::nanoTime);
        assertEquals(live, run(again, "cat /proc/" + pid + "/schedstat /proc/" + pid + "/status").output());
        assertEquals(s.dmesg(), again.dmesg());
        assertFalse(live.isEmpty());
    }
}
