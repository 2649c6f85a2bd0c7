package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.BuildResult;
import dev.kplay.userland.sh.Shell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions: files, limits, the event log, and replay giving byte-identical output. */
class SessionTest {
    static final Toolchain NO_TOOLCHAIN = files -> new BuildResult(false, "make: nothing\n", List.of(), Map.of());
    static final SessionLimits LIMITS = new SessionLimits(2, Duration.ofSeconds(10), 1000, 3, 1000, 2000, 500, true);

    final AtomicLong wall = new AtomicLong(1_000_000_000L);

    Session newSession() {
        return new Session("s1", NO_TOOLCHAIN, LIMITS, wall::get);
    }

    @Test
    void filesAreCheckedAndListed() {
        Session s = newSession();
        s.putFile("hello-3.c", "int x;\n");
        s.putFile("a.h", "");
        assertEquals(List.of("a.h", "hello-3.c"), ownFiles(s));
        assertEquals("int x;\n", s.file("hello-3.c"));
        SessionException big = assertThrows(SessionException.class, () -> s.putFile("b.c", "x".repeat(1001)));
        assertEquals(SessionException.Kind.TOO_LARGE, big.kind());
        assertEquals(SessionException.Kind.BAD_REQUEST, assertThrows(SessionException.class, () -> s.putFile("../x", "")).kind());
        assertEquals(SessionException.Kind.BAD_REQUEST, assertThrows(SessionException.class, () -> s.putFile("a/b", "")).kind());
        s.putFile("c.c", "");
        assertEquals(SessionException.Kind.BAD_REQUEST, assertThrows(SessionException.class, () -> s.putFile("d.c", "")).kind());
        assertEquals(SessionException.Kind.NOT_FOUND, assertThrows(SessionException.class, () -> s.file("zz.c")).kind());
    }

    @Test
    void idleWallTimeIsLoggedAsTimePassed() {
        Session s = newSession();
        wall.addAndGet(2_000_000_000L);
        s.exec("true", null);
        assertTrue(s.events().contains(new Event.TimePassed(2_000_000_000L)), s.events().toString());
        assertTrue(s.snapshot().uptimeNanos() >= 2_000_000_000L);
    }

    @Test
    void replayGivesByteIdenticalOutput() {
        Session s = newSession();
        List<String> lines = List.of("echo hi > /root/f", "cat f", "lsmod", "uname -r", "ls /root", "sleep 1", "dmesg",
                "cat /proc/modules; echo $?", "nosuch", "ps -o pid,stat,comm");
        s.putFile("hello-3.c", "int x;\n");
        List<String> outputs = new ArrayList<>();
        for (String l : lines) {
            wall.addAndGet(3_000_000L);
            outputs.add(s.exec(l, 0L).output());
        }
        String dmesg = s.dmesg();
        Session r = Session.replay("s2", s.events(), NO_TOOLCHAIN, LIMITS, wall::get);
        assertEquals(dmesg, r.dmesg());
        assertEquals(s.events(), r.events());
        assertEquals(s.exec("dmesg; ps; lsmod", 0L).output(), r.exec("dmesg; ps; lsmod", 0L).output());
        assertEquals("hi\n", outputs.get(1));
    }

    @Test
    void rebootKeepsTheFilesAndStartsAFreshKernel() {
        Session s = newSession();
        s.putFile("hello-3.c", "int x;\n");
        Shell.Result before = s.exec("uname -r; cat /proc/modules", 0L);
        wall.addAndGet(5_000_000_000L);
        s.reboot();
        assertEquals(2, s.boots());
        assertEquals(List.of("hello-3.c"), ownFiles(s));
        assertEquals(before.output(), s.exec("uname -r; cat /proc/modules", 0L).output());
        assertTrue(s.snapshot().uptimeNanos() < 5_000_000_000L, "a rebooted kernel starts its clock again");
    }

    @Test
    void scenarioCommandsRunInANewSession() {
        SessionRegistry reg = new SessionRegistry(NO_TOOLCHAIN, LIMITS, wall::get);
        Session s = reg.create(new Scenario(Map.of("x.c", "int x;\n"), List.of("echo one > /root/out")));
        assertEquals("one\n", s.exec("cat /root/out", 0L).output());
        assertEquals(List.of("x.c"), ownFiles(s));
    }

    @Test
    void registryLimitsAndEviction() {
        SessionRegistry reg = new SessionRegistry(NO_TOOLCHAIN, LIMITS, wall::get);
        Session a = reg.create(null);
        reg.create(null);
        assertEquals(SessionException.Kind.UNAVAILABLE, assertThrows(SessionException.class, () -> reg.create(null)).kind());
        wall.addAndGet(Duration.ofSeconds(11).toNanos());
        Session c = reg.create(null);
        assertEquals(1, reg.size());
        assertEquals(c, reg.get(c.id()));
        assertEquals(SessionException.Kind.NOT_FOUND, assertThrows(SessionException.class, () -> reg.get(a.id())).kind());
        assertEquals(SessionException.Kind.NOT_FOUND, assertThrows(SessionException.class, () -> a.exec("true", 0L)).kind());
        reg.delete(c.id());
        assertEquals(0, reg.size());
    }

    @Test
    void signalWithNothingRunningReachesNobody() {
        Session s = newSession();
        assertEquals(new Session.Signal(false, null), s.signal(2));
        assertEquals("", s.exec("true", 0L).output());
    }

    @Test
    void ctrlCEndsASleepAndReplayStopsItAtTheSamePoint() throws Exception {
        Session s = new Session("s1", NO_TOOLCHAIN, LIMITS, System::nanoTime);
        Thread sender = new Thread(() -> {
            while (!s.signal(2).delivered()) {
                Thread.onSpinWait();
            }
        });
        sender.start();
        Shell.Result r = s.exec("sleep 1000; echo after", 60_000L); // room for a starved sender thread
        sender.join();
        assertEquals(130, r.exitCode());
        assertEquals("", r.output(), "bash abandons the rest of the line when its job dies of SIGINT");
        assertTrue(r.killed());
        Event.Executed x = (Event.Executed) s.events().stream().filter(e -> e instanceof Event.Executed).findFirst().orElseThrow();
        assertTrue(x.interruptAfterNanos() >= 0 && x.interruptAfterNanos() < 1000_000_000_000L, x.toString());
        Session r2 = Session.replay("r", s.events(), NO_TOOLCHAIN, LIMITS, System::nanoTime);
        assertEquals(s.snapshot().uptimeNanos() > 0, r2.snapshot().uptimeNanos() > 0);
        assertEquals(s.exec("echo $?", 0L).output(), r2.exec("echo $?", 0L).output());
    }

    @Test
    void aScenarioGivesTheSameSessionEveryTime() {
        SessionRegistry reg = new SessionRegistry(NO_TOOLCHAIN, LIMITS, wall::get);
        Scenario sc = new Scenario(Map.of("x.c", "int x;\n"), List.of("sleep 2", "echo hi > /dev/kmsg", "uname -r"));
        Session a = reg.create(sc);
        List<Event> ea = a.events();
        String da = a.dmesg();
        wall.addAndGet(3_000_000_000L);
        Session b = reg.create(sc);
        assertEquals(ea, b.events());
        assertEquals(da, b.dmesg());
        assertTrue(ea.stream().noneMatch(e -> e instanceof Event.TimePassed), ea.toString());
    }

    @Test
    void backgroundSleepOnTheRealKernel() {
        Session s = newSession();
        String started = s.exec("sleep 2 &", null).output();
        assertTrue(started.matches("\\[1\\] \\d+\n"), started);
        assertEquals("[1]+  Running                 sleep 2 &\n", s.exec("jobs", null).output());
        s.exec("sleep 3", null);
        assertEquals("hi\n[1]+  Done                    sleep 2\n", s.exec("echo hi", null).output());
        s.exec("sleep 100 &", null);
        assertEquals("", s.exec("kill %1", null).output());
        assertEquals("[1]+  Terminated              sleep 100\n", s.exec("true", null).output());
        s.exec("sleep 1 &", null);
        assertEquals("[1]+  Done                    sleep 1\n0\n", s.exec("wait; echo $?", null).output());
        Session again = Session.replay("s2", s.events(), NO_TOOLCHAIN, LIMITS, wall::get);
        assertEquals(s.dmesg(), again.dmesg());
    }

    /** The session's own files, without the ~/linux tree every session has (KernelTreeTest covers that). */
    static List<String> ownFiles(Session s) {
        return s.fileNames().stream().filter(n -> !n.startsWith("linux/")).toList();
    }
}
