package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * The server's scheduler: commands that sleep hold no thread, their results and log records come
 * when their wall time has passed, a Ctrl-C redoes a held command interrupted where a live run
 * would have been, and the result is the session a replay of its log gives. Waits here are lower
 * bounds (a sleep is never delivered early) or generous upper bounds, so a loaded machine passes.
 */

/** SessionScheduler: deferred commands, held records, Ctrl-C, fairness. */
class SessionSchedulerTest {
    static final Toolchain NO_TOOLCHAIN = files -> new BuildResult(false, "make: nothing\n", List.of(), Map.of());
    static final SessionLimits LIVE = SessionLimits.defaults();

    final SessionScheduler sched = new SessionScheduler(2, System::nanoTime);

    @AfterEach
    void stop() {
        sched.close();
    }

    static Session live(String id) {
        return new Session(id, NO_TOOLCHAIN, LIVE, System::nanoTime);
    }

    @Test
    void aSleepIsDeliveredAfterItsWallTimeWithoutHoldingAWorker() throws Exception {
        List<Session> sleepers = new ArrayList<>();
        List<CompletableFuture<Shell.Result>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Session s = live("sleeper" + i);
            sleepers.add(s);
            results.add(sched.exec(s, "sleep 1; echo woke", null));
        }
        Session other = live("other");
        Shell.Result echo = sched.exec(other, "echo hi", null).get(60, TimeUnit.SECONDS);
        long echoMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("hi\n", echo.output());
        for (CompletableFuture<Shell.Result> f : results) {
            Shell.Result r = f.get(60, TimeUnit.SECONDS);
            assertEquals("woke\n", r.output());
            assertEquals(0, r.exitCode());
        }
        long allMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(allMs >= 1000, "a sleep is never delivered before its time: " + allMs + " ms");
        assertTrue(results.stream().allMatch(CompletableFuture::isDone));
        System.out.println("[sched] 20 x `sleep 1` on 2 workers: all delivered after " + allMs + " ms; another session's echo took "
                + echoMs + " ms");
        assertTrue(echoMs < allMs, "the echo did not wait for the sleepers");
        assertTrue(sleepers.get(0).snapshot().uptimeNanos() >= 1_000_000_000L);
    }

    @Test
    void anUrgentJobLikeADeleteDoesNotWaitOutAHeldCommand() throws Exception {
        Session s = live("held");
        long t0 = System.nanoTime();
        CompletableFuture<Shell.Result> sleeping = sched.exec(s, "sleep 5", null);
        CompletableFuture<String> queued = sched.submit(s, () -> "after the sleep");
        Thread.sleep(200);
        String ended = sched.submitUrgent(s, () -> {
            s.close();
            return "closed";
        }).get(60, TimeUnit.SECONDS);
        boolean stillHeld = !sleeping.isDone();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("closed", ended);
        assertTrue(stillHeld, "the urgent job ran during the held sleep (after " + ms + " ms)");
        assertEquals("after the sleep", queued.get(60, TimeUnit.SECONDS), "work queued before it still runs");
        assertTrue(sleeping.handle((r, e) -> true).get(60, TimeUnit.SECONDS), "the held command still ends");
    }

    @Test
    void workWithoutASessionRunsOnALaneOfItsKey() throws Exception {
        record Key(String id) {}
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            fs.add(sched.submit(new Key("same"), () -> {
                order.add(n);
                return n;
            }));
        }
        for (CompletableFuture<Integer> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), order, "equal keys: one lane, in order");
        assertTrue(sched.submit(new Key("x"), () -> Thread.currentThread().getName()).get(60, TimeUnit.SECONDS)
                .startsWith("kplay-cpu-"), "runs on a worker");
    }

    @Test
    void recordsComeOutWhenTheirWallTimeHasPassed() throws Exception {
        Session s = live("rec");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Long> when = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        s.subscribe(Long.MAX_VALUE - 1, r -> {
            seen.add(r.text());
            when.add(System.nanoTime() - t0);
        }, () -> { });
        Shell.Result r = sched.exec(s, "echo '<6>first' > /dev/kmsg; sleep 1; echo '<6>second' > /dev/kmsg", null)
                .get(60, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("first", "second"), seen);
        assertTrue(when.get(1) >= 1_000_000_000L, "the second line waited for the sleep: " + when);
    }

    @Test
    void ctrlCRedoesAHeldCommandInterruptedAndTheLogReplaysToTheSameSession() throws Exception {
        Session s = live("ctrlc");
        List<String> seen = new CopyOnWriteArrayList<>();
        s.subscribe(Long.MAX_VALUE - 1, rec -> seen.add(rec.text()), () -> { });
        CompletableFuture<Shell.Result> f = sched.exec(s, "echo '<6>before' > /dev/kmsg; sleep 20; echo '<6>after' > /dev/kmsg",
                30_000L);
        while (!seen.contains("before")) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertFalse(f.isDone());
        Session.Signal sig = sched.signal(s, 2).get(60, TimeUnit.SECONDS);
        assertTrue(sig.delivered());
        Shell.Result r = f.get(60, TimeUnit.SECONDS);
        assertEquals(130, r.exitCode(), r.toString());
        assertTrue(r.killed());
        assertEquals(List.of("before"), seen, "each record once, none from after the Ctrl-C");
        List<Event> log = s.events();
        Event.Executed x = (Event.Executed) log.stream().filter(e -> e instanceof Event.Executed).reduce((a, b) -> b).orElseThrow();
        assertTrue(x.interruptAfterNanos() >= 0 && x.interruptAfterNanos() < 20_000_000_000L, x.toString());
        Session again = Session.replay("again", log, NO_TOOLCHAIN, LIVE.fastForward(), System::nanoTime);
        assertEquals(s.dmesg(), again.dmesg());
        assertEquals("130\n", sched.exec(s, "echo $?", null).get(60, TimeUnit.SECONDS).output());
    }

    @Test
    void aCtrlCAfterTheLastSleepLeavesTheCommandAsItWas() throws Exception {
        Session s = live("late");
        CompletableFuture<Shell.Result> f = sched.exec(s, "sleep 0.2; echo done", null);
        Session.Signal sig = sched.signal(s, 2).get(60, TimeUnit.SECONDS);
        Shell.Result r = f.get(60, TimeUnit.SECONDS);
        assertTrue(sig.delivered() || r.exitCode() == 0);
        assertTrue(r.exitCode() == 0 && r.output().equals("done\n") || r.exitCode() == 130, r.toString());
    }

    @Test
    void requestsOfASessionWaitForItsHeldCommandInOrder() throws Exception {
        Session s = live("order");
        CompletableFuture<Shell.Result> sleep = sched.exec(s, "sleep 0.5", null);
        CompletableFuture<String> dmesg = sched.submit(s, () -> {
            assertTrue(sleep.isDone(), "the read came after the command ended");
            return s.dmesg();
        });
        dmesg.get(60, TimeUnit.SECONDS);
        assertEquals(0, sleep.get().exitCode());
    }
}
