package dev.kplay.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.scenario.Gallery;
import dev.kplay.scenario.Scenario;
import dev.kplay.scenario.Scenario.Step;
import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
import dev.kplay.session.SessionLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every gallery entry is an oracle case (its module sources and its commands, as the real Debian
 * 6.1 kernel ran them; OracleCasesTest holds kplay to that output) and replays exactly what it
 * recorded. Run with -Dkplay.gallery.record=true to (re)record the gallery's scenario files from
 * kplay after a change that OracleCasesTest accepts.
 */
class GalleryTest {
    static final ScenarioCodec CODEC = new ScenarioCodec(ScenarioCodec.Limits.defaults());
    static final ScenarioPlayer PLAYER = new ScenarioPlayer(Kbuild::build, SessionLimits.defaults().fastForward(), () -> 0L);
    static final boolean RECORD = Boolean.getBoolean("kplay.gallery.record");

    /** The scenario an oracle case stands for: its sources, make, then its commands. */
    static Scenario fromOracleCase(Gallery.Entry e) {
        OracleOutput real = OracleOutput.parse(CaseReplay.resource(e.oracle() + ".out"));
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Build(null, null));
        if (!real.buildFailed()) {
            for (OracleOutput.Command c : real.run()) {
                steps.add(new Step.Exec(c.line().replaceAll("(^|\\s)/([\\w.-]+\\.ko)", "$1$2"), -1, null, null));
            }
        }
        return new Scenario(e.title(), e.description(), CaseReplay.sources(e.oracle()), steps, null,
                CaseReplay.cmdline(e.oracle()));
    }

    @Test
    void theGalleryHasAtLeastFifteenEntries() {
        assertTrue(new Gallery(CODEC).entries().size() >= 15);
    }

    @TestFactory
    Stream<DynamicTest> everyEntryIsAnOracleCaseAndReplaysAsRecorded() {
        Gallery gallery = new Gallery(CODEC);
        return gallery.entries().stream().map(e -> DynamicTest.dynamicTest(e.id(), () -> {
            Scenario expected = fromOracleCase(e);
            if (RECORD) {
                Scenario recorded = PLAYER.record(ScenarioPlayer.events(expected), e.title(), e.description());
                Files.writeString(Path.of("src/main/resources/gallery", e.id() + ".json"), CODEC.write(recorded) + "\n",
                        StandardCharsets.UTF_8);
            }
            Scenario s = gallery.scenario(e.id());
            assertEquals(expected, s.unrecorded(), "the entry is the oracle case " + e.oracle());
            ScenarioPlayer.Replay r = PLAYER.playAlone(s);
            try {
                assertEquals(Boolean.TRUE, r.identical(), e.id() + " no longer replays as recorded: " + r.differences());
            } finally {
                r.session().close();
            }
        }));
    }
}
