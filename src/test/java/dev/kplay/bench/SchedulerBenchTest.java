package dev.kplay.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's scheduler figures can be measured (their modules build, load and finish). */
class SchedulerBenchTest {
    @Test
    void ticksAndSwitchesAreMeasured() {
        double tick = SchedulerBench.tickMicros(2);
        double sw = SchedulerBench.switchMicros(2);
        
        assertTrue(tick >= 0 && sw > 0);
    }
}
