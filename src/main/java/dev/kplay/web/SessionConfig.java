package dev.kplay.web;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.kernel.mm.PageBudget;
import dev.kplay.scenario.Gallery;
import dev.kplay.scenario.Links;
import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
import dev.kplay.session.HeapPressure;
import dev.kplay.session.SessionLimits;
import dev.kplay.session.SessionRegistry;
import dev.kplay.session.Toolchain;
import dev.kplay.store.Store;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/*
 * Wiring of the session layer: the toolchain sessions build with, the registry with its limits
 * from application.properties, and the sweeper that ends idle sessions.
 */

/** Spring wiring for sessions. */
@Configuration
@EnableScheduling
public class SessionConfig {

    /** kbuild, as `make` in a module directory runs it, each file's compilation bounded in CPU time. */
    @Bean
    public Toolchain toolchain(@Value("${kplay.build.max-cpu-ms:5000}") long maxCpuMs) {
        return files -> Kbuild.build(files, maxCpuMs * 1_000_000L);
    }

    @Bean
    public SessionLimits sessionLimits(@Value("${kplay.sessions.max:200}") int maxSessions,
                                       @Value("${kplay.sessions.idle-timeout:30m}") Duration idleTimeout,
                                       @Value("${kplay.sessions.max-source-bytes:65536}") int maxSourceBytes,
                                       @Value("${kplay.sessions.max-files:32}") int maxFiles,
                                       @Value("${kplay.sessions.max-events:20000}") int maxEvents,
                                       @Value("${kplay.sessions.follow-wall-clock:true}") boolean followWallClock,
                                       @Value("${kplay.exec.default-timeout-ms:5000}") long defaultTimeoutMs,
                                       @Value("${kplay.exec.max-timeout-ms:30000}") long maxTimeoutMs) {
        return new SessionLimits(maxSessions, idleTimeout, maxSourceBytes, maxFiles, defaultTimeoutMs, maxTimeoutMs,
                maxEvents, followWallClock);
    }

    @Bean
    public SessionRegistry sessionRegistry(Toolchain toolchain, SessionLimits limits, PageBudget budget, Store store) {
        return new SessionRegistry(toolchain, limits, System::nanoTime, budget, store);
    }

    /**
     * The server's scheduler: every session's work runs on its worker threads, a fair share of
     * CPU per session, and no thread waits for a command's wall time (see SessionScheduler).
     */
    @Bean(destroyMethod = "close")
    public dev.kplay.session.SessionScheduler sessionScheduler(@Value("${kplay.sched.workers:0}") int workers) {
        int n = workers > 0 ? workers : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        return new dev.kplay.session.SessionScheduler(n, System::nanoTime);
    }

    /** The heap's live occupancy, for admission control and metrics. */
    @Bean
    public HeapPressure heapPressure(@Value("${kplay.memory.admit-sessions-below:0.70}") double sessions,
                                     @Value("${kplay.memory.admit-work-below:0.85}") double work) {
        return new HeapPressure(Math.min(sessions, work));
    }

    /**
     * Kernel memory for all sessions together: a fraction of the maximum heap, so kernels that
     * kmalloc all they may meet warn_alloc's failure before the JVM could run out.
     */
    @Bean
    public PageBudget pageBudget(@Value("${kplay.memory.kernel-fraction:0.30}") double fraction) {
        return new PageBudget((long) (Runtime.getRuntime().maxMemory() * fraction));
    }

    /** Reads and writes scenario JSON within the configured limits. */
    @Bean
    public ScenarioCodec scenarioCodec(@Value("${kplay.scenarios.max-bytes:921600}") int maxBytes,
                                       @Value("${kplay.scenarios.max-files:32}") int maxFiles,
                                       @Value("${kplay.sessions.max-source-bytes:65536}") int maxFileBytes,
                                       @Value("${kplay.scenarios.max-steps:5000}") int maxSteps) {
        return new ScenarioCodec(new ScenarioCodec.Limits(maxBytes, maxFiles, maxFileBytes, maxSteps));
    }

    @Bean
    public ScenarioPlayer scenarioPlayer(Toolchain toolchain, SessionLimits limits) {
        return new ScenarioPlayer(toolchain, limits, System::nanoTime);
    }

    /** Short links, kept in the store. */
    @Bean
    public Links links(Store store, ScenarioCodec codec) {
        return new Links(store, codec);
    }

    /** The built-in gallery of broken modules. */
    @Bean
    public Gallery gallery(ScenarioCodec codec) {
        return new Gallery(codec);
    }

    /** Ends sessions idle past the timeout, periodically. */
    @Bean
    public Sweeper sessionSweeper(SessionRegistry registry) {
        return new Sweeper(registry);
    }

    /** The idle-session sweeper. */
    public static final class Sweeper {
        private final SessionRegistry registry;

        Sweeper(SessionRegistry registry) {
            this.registry = registry;
        }

        @Scheduled(fixedDelayString = "${kplay.sessions.sweep-interval-ms:60000}")
        public void sweep() {
            registry.evictIdle();
        }

        /**
         * SIGTERM: by now the web server has drained its requests (graceful shutdown), and every
         * event was written to the store as it happened; the sessions leave memory, and the next
         * server (or another node) rebuilds each by replay on its next request.
         */
        @jakarta.annotation.PreDestroy
        public void drain() {
            int n = registry.parkAll();
            org.slf4j.LoggerFactory.getLogger(Sweeper.class).info("shutdown: {} sessions parked in the store", n);
        }
    }
}
