package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * The scheduler's time slices: a command that computes for long gives its CPU back at the end of
 * each slice when another session waits, so on one CPU another session's echo is answered while
 * the long command is still computing; and the pause is invisible: the long command's output,
 * dmesg (timestamps included) and event log are the bytes a run without the scheduler gives, and
 * a replay of the log gives them again. The asserts are orders and counts, not wall-clock bounds.
 */

/** SessionScheduler's time slices: fairness within a job, identical output. */
class TimeSliceTest {
    /**
     * About 42 s of virtual time, under the 60 s a syscall may keep the CPU in one request; the
     * cond_resched() every 2^20 passes lets the watchdog's stopper run, so no soft lockup is
     * reported (checked below), as on 6.1 (golden case resched). A few hundred ms of wall time,
     * long enough for the echo test to meet the insmod still running on a quiet, fast machine too.
     */
    static final String CRUNCH = """
            #include <linux/module.h>
            #include <linux/kernel.h>
            #include <linux/sched.h>

            static int __init crunch_init(void)
            {
                unsigned long i, sum = 0;

                for (i = 0; i < 60000000UL; i++) {
                    sum += i ^ (i >> 3);
                    if ((i & 0xfffff) == 0)
                        cond_resched();
                }
                pr_info("crunch: %lu\\n", sum);
                return 0;
            }

            static void __exit crunch_exit(void)
            {
            }

            module_init(crunch_init);
            module_exit(crunch_exit);
            MODULE_LICENSE("GPL");
            """;
    static final SessionLimits LIMITS = SessionLimits.defaults().fastForward();

    final SessionScheduler sched = new SessionScheduler(1, System::nanoTime);

    @AfterEach
    void stop() {
        sched.close();
    }

    static Session crunching(String id) {
        Session s = new Session(id, Kbuild::build, LIMITS, System::nanoTime);
        s.putFile("crunch.c", CRUNCH);
        assertTrue(s.build().ok());
        return s;
    }

    @Test
    void onOneCpuAnEchoIsAnsweredWhileALongInsmodComputesAndTheOutputIsUnchanged() throws Exception {
        Session runaway = crunching("runaway");
        Session other = new Session("other", Kbuild::build, LIMITS, System::nanoTime);
        CountDownLatch started = new CountDownLatch(1);
        sched.submit(runaway, () -> {
            started.countDown();
            return null;
        });
        long t0 = System.nanoTime();
        CompletableFuture<Shell.Result> insmod = sched.exec(runaway, "insmod crunch.ko", null);
        started.await(60, TimeUnit.SECONDS);
        Thread.sleep(20);                       // the insmod is on the one CPU now
        Shell.Result echo = sched.exec(other, "echo hi", null).get(120, TimeUnit.SECONDS);
        long echoMs = (System.nanoTime() - t0) / 1_000_000;
        boolean insmodStillRunning = !insmod.isDone();
        Shell.Result loaded = insmod.get(120, TimeUnit.SECONDS);
        long insmodMs = (System.nanoTime() - t0) / 1_000_000;
        long[] f = sched.figures();
        System.out.println("[sched] one CPU: a " + insmodMs + " ms insmod gave its CPU back " + f[3]
                + " times; another session's echo came back after " + echoMs + " ms");
        assertEquals("hi\n", echo.output());
        assertTrue(insmodStillRunning, "the echo did not wait for the whole insmod (" + echoMs + " ms, insmod "
                + insmodMs + " ms)");
        assertTrue(f[3] > 0, "the insmod gave its CPU back at least once");
        assertEquals(0, f[4], "no job is left parked");

        // the same steps without the scheduler: the same bytes
        Session direct = crunching("direct");
        Session.Deferred d = direct.execDeferred("insmod crunch.ko", null);
        direct.deliver();
        assertEquals(d.result().output(), loaded.output());
        assertEquals(d.result().exitCode(), loaded.exitCode());
        assertTrue(runaway.dmesg().contains("crunch: "), runaway.dmesg());
        assertFalse(runaway.dmesg().contains("soft lockup"), runaway.dmesg());
        assertEquals(direct.dmesg(), runaway.dmesg());
        assertEquals(direct.events(), runaway.events());
        assertEquals(direct.snapshot().uptimeNanos(), runaway.snapshot().uptimeNanos());
        Session replayed = Session.replay("replayed", runaway.events(), Kbuild::build, LIMITS, System::nanoTime);
        assertEquals(runaway.dmesg(), replayed.dmesg());
    }

    @Test
    void aStreamOfShortJobsOnNewLanesDoesNotStarveAPreemptedJob() throws Exception {
        Session runaway = crunching("runaway");
        CompletableFuture<Shell.Result> insmod = sched.exec(runaway, "insmod crunch.ko", null);
        int shortJobs = 0;
        java.util.ArrayDeque<CompletableFuture<Long>> inFlight = new java.util.ArrayDeque<>();
        while (!insmod.isDone() && shortJobs < 5000) {
            while (inFlight.size() < 64) {
                inFlight.add(sched.submit(new Object(), () -> {
                    long t = System.nanoTime();
                    while (System.nanoTime() - t < 1_000_000L) {
                        Thread.onSpinWait();            // a millisecond of work, as a lookup or a short request
                    }
                    return t;
                }));
            }
            inFlight.poll().get(60, TimeUnit.SECONDS);
            shortJobs++;
        }
        System.out.println("[sched] one CPU: a long insmod ended after " + shortJobs + " one-millisecond jobs on new lanes");
        assertTrue(insmod.isDone(), "the insmod got its share while 5000 short jobs came one after another");
        assertEquals(0, insmod.get().exitCode());
    }

    @Test
    void aLongJobAloneKeepsItsCpu() throws Exception {
        Session alone = crunching("alone");
        Shell.Result r = sched.exec(alone, "insmod crunch.ko", null).get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode());
        assertEquals(0, sched.figures()[3], "nobody waited: no slice ended in a preemption");
    }
}
