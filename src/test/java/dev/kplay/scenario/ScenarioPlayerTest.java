package dev.kplay.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.scenario.Scenario.Step;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.session.SessionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Recording a live session as a scenario and playing it back: the Episode I story with idle time
 * and a Ctrl-C'd sleep between its commands replays with the same outputs and the same dmesg, byte
 * for byte (timestamps included); a recorded output that no longer matches is reported.
 */
class ScenarioPlayerTest {
    final AtomicLong wall = new AtomicLong(1_000_000_000L);
    final SessionLimits limits = SessionLimits.defaults().fastForward();
    final ScenarioPlayer player = new ScenarioPlayer(Kbuild::build, limits, wall::get);
    final ScenarioCodec codec = new ScenarioCodec(ScenarioCodec.Limits.defaults());

    static String hello3() throws IOException {
        try (InputStream in = ScenarioPlayerTest.class.getResourceAsStream("/golden/hello-3.c")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Episode I story in a live session; returns what each command printed. */
    static List<String> story(Session s) {
        List<String> out = new ArrayList<>();
        out.add(s.build().output());
        for (String c : List.of("insmod hello-3.ko", "sleep 1", "rmmod hello_3", "rmmod hello_3", "lsmod", "dmesg")) {
            out.add(s.exec(c, 0L).output());
        }
        return out;
    }

    @Test
    void aRecordedSessionReplaysByteForByte() throws IOException {
        SessionRegistry live = new SessionRegistry(Kbuild::build, SessionLimits.defaults(), wall::get);
        Session s = live.create(null);
        wall.addAndGet(3_000_000_000L);
        s.putFile("hello-3.c", hello3());
        wall.addAndGet(1_500_000_000L);
        List<String> outputs = story(s);
        String dmesg = s.dmesg();

        Scenario recorded = player.record(s.events(), "Episode I", null);
        assertTrue(recorded.steps().stream().anyMatch(st -> st instanceof Step.Wait), "idle time is part of the scenario");
        Scenario parsed = codec.read(codec.write(recorded));
        assertEquals(recorded, parsed, "the JSON round trip keeps everything");

        ScenarioPlayer.Replay r = player.play(new SessionRegistry(Kbuild::build, limits, wall::get), parsed);
        assertEquals(Boolean.TRUE, r.identical(), r.differences().toString());
        assertEquals(dmesg, r.session().dmesg());
        List<String> replayed = r.frames().stream().map(ScenarioPlayer.Frame::output).filter(o -> o != null).toList();
        assertEquals(outputs, replayed);
        assertTrue(dmesg.contains("BUG: unable to handle page fault"), dmesg);
    }

    @Test
    void aReplayThatNoLongerMatchesSaysWhere() throws IOException {
        Scenario s = new Scenario("t", null, java.util.Map.of("hello-3.c", hello3()), List.of(
                new Step.Build(null, null),
                new Step.Exec("insmod hello-3.ko", -1, "", 0),
                new Step.Exec("echo hi", -1, "hello\n", 0)), "[    0.000000] not this\n");
        ScenarioPlayer.Replay r = player.playAlone(s);
        assertEquals(Boolean.FALSE, r.identical());
        assertEquals(2, r.differences().size(), r.differences().toString());
        assertEquals(3, r.differences().get(0).step());
        assertEquals("hello\n", r.differences().get(0).expected());
        assertEquals("hi\n", r.differences().get(0).actual());
        assertEquals("dmesg", r.differences().get(1).what());

        ScenarioPlayer.Replay unrecorded = player.playAlone(s.unrecorded());
        assertNull(unrecorded.identical(), "nothing recorded, nothing to compare");
    }

    @Test
    void aPrefixForksTheSessionAsItWasAfterThatStep() throws IOException {
        Scenario full = player.record(ScenarioPlayer.events(new Scenario(null, null, java.util.Map.of("hello-3.c", hello3()),
                List.of(new Step.Build(null, null), new Step.Exec("insmod hello-3.ko", -1, null, null),
                        new Step.Exec("rmmod hello_3", -1, null, null), new Step.Exec("rmmod hello_3", -1, null, null)),
                null)), null, null);
        ScenarioPlayer.Replay fork = player.playAlone(full.prefix(3));
        assertEquals(Boolean.TRUE, fork.identical());
        assertEquals("rmmod: ERROR: Module hello_3 is in use\n", fork.session().exec("rmmod hello_3", 0L).output());
        assertFalse(fork.session().dmesg().isEmpty());
    }
}
