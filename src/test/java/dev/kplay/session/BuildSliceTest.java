package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.userland.sh.Shell;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Builds go through the scheduler's time slices as kernel jobs do: the compiler's CPU-limit check
 * is a slice point, so on one CPU another session's echo is answered while a long build (a macro
 * that expands to tens of thousands of statements, hundreds of ms to compile) still compiles, from
 * the Build button and from gcc in the terminal; the build's output is the bytes an unsliced build
 * gives; and the build budget is charged the time the build ran, not the time it was parked. The
 * asserts are orders and counts, not wall-clock bounds. The toolchain is Kbuild::make (no cache),
 * so each build compiles.
 */

/** Time slices in the compiler: fairness during a build, identical output, budget without parked time. */
class BuildSliceTest {
    /** A module whose init is {@code lines} x 1000 statements from a macro: ~60 ms a line to compile here. */
    static String big(int lines) {
        StringBuilder s = new StringBuilder("""
                #include <linux/module.h>
                MODULE_LICENSE("GPL");
                #define A x = x * 3 + 1;
                #define B A A A A A A A A A A
                #define C B B B B B B B B B B
                #define D C C C C C C C C C C
                static int seed;
                module_param(seed, int, 0);
                static int __init big_init(void)
                {
                    int x = seed;
                """);
        s.append("    D\n".repeat(lines));
        s.append("""
                    pr_info("big: %d\\n", x & 1);
                    return 0;
                }
                module_init(big_init);
                """);
        return s.toString();
    }

    static final SessionLimits LIMITS = SessionLimits.defaults().fastForward();

    final AtomicLong skew = new AtomicLong();
    final SessionScheduler sched = new SessionScheduler(1, () -> System.nanoTime() + skew.get());

    @AfterEach
    void stop() {
        sched.close();
    }

    Session session(String id) {
        return new Session(id, Kbuild::make, LIMITS, () -> System.nanoTime() + skew.get());
    }

    /** Submits a job on s's lane and waits until it runs, so the next job of s is the one on the CPU. */
    void onCpu(Session s) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        sched.submit(s, () -> {
            started.countDown();
            return null;
        });
        started.await(60, TimeUnit.SECONDS);
    }

    @Test
    void onOneCpuAnEchoIsAnsweredWhileABuildCompilesAndTheBuildIsUnchanged() throws Exception {
        Session builder = session("builder");
        Session other = session("other");
        builder.putFile("big.c", big(24));      // hundreds of ms even with the compiler JIT-compiled (see below)
        onCpu(builder);
        long t0 = System.nanoTime();
        CompletableFuture<BuildResult> build = sched.submit(builder, builder::build);
        Thread.sleep(20);
        Shell.Result echo = sched.exec(other, "echo hi", null).get(120, TimeUnit.SECONDS);
        long echoMs = (System.nanoTime() - t0) / 1_000_000;
        boolean stillBuilding = !build.isDone();
        BuildResult built = build.get(120, TimeUnit.SECONDS);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[sched] one CPU: a " + buildMs + " ms build gave its CPU back " + sched.figures()[3]
                + " times; another session's echo came back after " + echoMs + " ms");
        assertEquals("hi\n", echo.output());
        assertTrue(built.ok(), built.output());
        assertTrue(stillBuilding, "the echo did not wait for the whole build (" + echoMs + " ms, build " + buildMs + " ms)");
        assertTrue(sched.figures()[3] > 0, "the build gave its CPU back at least once");
        assertEquals(0, sched.figures()[4], "no job is left parked");

        Session direct = session("direct");
        direct.putFile("big.c", big(24));
        BuildResult unsliced = direct.build();
        assertEquals(unsliced.output(), built.output());
        assertEquals(unsliced.diagnostics(), built.diagnostics());
        Shell.Result loaded = sched.exec(builder, "insmod big.ko", null).get(120, TimeUnit.SECONDS);
        Session.Deferred d = direct.execDeferred("insmod big.ko", null);
        direct.deliver();
        assertEquals(d.result().output(), loaded.output());
        assertTrue(builder.dmesg().contains("big: "), builder.dmesg());
        assertEquals(direct.dmesg(), builder.dmesg());
        assertEquals(direct.events(), builder.events());
        Session replayed = Session.replay("replayed", builder.events(), Kbuild::make, LIMITS, System::nanoTime);
        assertEquals(builder.dmesg(), replayed.dmesg());
    }

    @Test
    void onOneCpuAnEchoIsAnsweredWhileGccCompilesInTheTerminal() throws Exception {
        Session builder = session("gcc");
        Session other = session("other");
        // 24,000 statements: hundreds of ms even with the compiler fully JIT-compiled, so the echo
        // (queued 20 ms in, answered at the next slice point) cannot come after the whole gcc on a
        // fast or busy machine; 8,000 left too little margin once the suite had warmed the compiler
        builder.putFile("prog.c", big(24).replace("#include <linux/module.h>", "#include <stdio.h>")
                .replace("MODULE_LICENSE(\"GPL\");", "").replace("module_param(seed, int, 0);", "")
                .replace("static int __init big_init(void)", "int main(void)").replace("pr_info(\"big:", "printf(\"big:")
                .replace("module_init(big_init);", ""));
        sched.exec(builder, "gcc prog.c -o warm", null).get(120, TimeUnit.SECONDS);   // libc compiled, once per server
        long before = sched.figures()[3];
        onCpu(builder);
        CompletableFuture<Shell.Result> gcc = sched.exec(builder, "gcc prog.c -o prog && ./prog", null);
        Thread.sleep(20);
        Shell.Result echo = sched.exec(other, "echo hi", null).get(120, TimeUnit.SECONDS);
        boolean stillBuilding = !gcc.isDone();
        Shell.Result ran = gcc.get(120, TimeUnit.SECONDS);
        assertEquals("hi\n", echo.output());
        assertEquals("big: 0\n", ran.output(), ran.output());
        assertTrue(stillBuilding, "the echo did not wait for the whole gcc");
        assertTrue(sched.figures()[3] > before, "gcc gave its CPU back at least once");
    }

    @Test
    void theBuildBudgetIsNotChargedForTimeParked() throws Exception {
        Session builder = session("budget");
        Session other = session("other");
        builder.putFile("big.c", big(8));
        onCpu(builder);
        CompletableFuture<BuildResult> build = sched.submit(builder, builder::build);
        Thread.sleep(20);
        // while the build is parked, 200 s of wall time pass (more than the budget's 60 s burst)
        boolean[] duringBuild = {false};
        sched.submit(other, () -> {
            duringBuild[0] = !build.isDone();
            skew.addAndGet(200_000_000_000L);
            return null;
        }).get(120, TimeUnit.SECONDS);
        assertTrue(build.get(120, TimeUnit.SECONDS).ok());
        assertTrue(duringBuild[0], "the other session's job ran while the build was parked");
        builder.putFile("big.c", big(1));
        assertTrue(sched.submit(builder, builder::build).get(120, TimeUnit.SECONDS).ok(),
                "the next build is not refused: the budget was charged for the time the build ran");
    }
}
