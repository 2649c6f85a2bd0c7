package dev.kplay.web;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.scenario.Gallery;
import dev.kplay.scenario.Links;
import dev.kplay.scenario.ScenarioCodec;
import dev.kplay.scenario.ScenarioPlayer;
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

    /** kbuild, as `make` in a module directory runs it. */
    @Bean
    public Toolchain toolchain() {
        return Kbuild::build;
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
    public SessionRegistry sessionRegistry(Toolchain toolchain, SessionLimits limits) {
        return new SessionRegistry(toolchain, limits, System::nanoTime);
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
    }
}
