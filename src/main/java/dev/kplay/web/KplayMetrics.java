package dev.kplay.web;

import dev.kplay.session.HeapPressure;
import dev.kplay.session.Session;
import dev.kplay.session.SessionRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/*
 * kplay's own figures for Prometheus (/actuator/prometheus), next to the JVM's and Tomcat's that
 * Spring Boot publishes: live and parked sessions, kernel memory reserved and backed across all
 * kernels, heap after GC, server CPU used by sessions, the scheduler's jobs and held commands, and
 * the kmsg sockets' send queues. Build
 * time and command latency are timers recorded where they happen (KplayTimers).
 */

/** Gauges and counters over the session registry and the kmsg sockets. */
@Component
public class KplayMetrics implements MeterBinder {
    private final SessionRegistry registry;
    private final HeapPressure heap;
    private final KmsgConfig kmsg;
    private final dev.kplay.session.SessionScheduler scheduler;

    public KplayMetrics(SessionRegistry registry, HeapPressure heap, KmsgConfig kmsg,
                        dev.kplay.session.SessionScheduler scheduler) {
        this.registry = registry;
        this.heap = heap;
        this.kmsg = kmsg;
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry m) {
        Gauge.builder("kplay.sessions.live", registry, SessionRegistry::size)
                .description("sessions in memory").register(m);
        FunctionCounter.builder("kplay.sessions.parked", registry, SessionRegistry::parkedCount)
                .description("sessions parked to the store (idle or shutdown)").register(m);
        FunctionCounter.builder("kplay.sessions.restored", registry, SessionRegistry::restoredCount)
                .description("sessions rebuilt from the store by replay").register(m);
        Gauge.builder("kplay.kernel.memory.reserved", registry, r -> r.budget().reservedBytes())
                .baseUnit("bytes").description("kmalloc'd kernel memory, all sessions").register(m);
        Gauge.builder("kplay.kernel.memory.backed", registry, r -> r.budget().backedBytes())
                .baseUnit("bytes").description("kernel pages written, all sessions (heap they hold)").register(m);
        Gauge.builder("kplay.kernel.memory.limit", registry, r -> r.budget().limitBytes())
                .baseUnit("bytes").description("the server's kernel memory budget").register(m);
        Gauge.builder("kplay.heap.after.gc", heap, HeapPressure::liveBytes)
                .baseUnit("bytes").description("live heap: old generation after its last cleaning GC + young survivors"
                        + " (admission control's input)").register(m);
        Gauge.builder("kplay.heap.after.any.gc", heap, HeapPressure::afterLastGcBytes)
                .baseUnit("bytes").description("heap in use after the last GC of any kind (old garbage included)").register(m);
        Gauge.builder("kplay.session.cpu.max", registry, r -> r.live().stream().mapToLong(Session::cpuNanos).max().orElse(0) / 1e9)
                .baseUnit("seconds").description("server CPU used by the busiest live session").register(m);
        Gauge.builder("kplay.session.cpu.total", registry, r -> r.live().stream().mapToLong(Session::cpuNanos).sum() / 1e9)
                .baseUnit("seconds").description("server CPU used by all live sessions").register(m);
        FunctionCounter.builder("kplay.sched.jobs", scheduler, s -> s.figures()[0])
                .description("jobs the server's scheduler has run").register(m);
        Gauge.builder("kplay.sched.held", scheduler, s -> s.figures()[1])
                .description("commands waiting out their wall time, holding no thread").register(m);
        Gauge.builder("kplay.sched.lanes", scheduler, s -> s.figures()[2])
                .description("sessions with work queued, running or held").register(m);
        FunctionCounter.builder("kplay.sched.preemptions", scheduler, s -> s.figures()[3])
                .description("times a long job gave its CPU back at the end of its time slice").register(m);
        Gauge.builder("kplay.kmsg.sockets", kmsg, k -> k.socket().sockets())
                .description("open kmsg WebSockets").register(m);
        Gauge.builder("kplay.kmsg.queued.frames", kmsg, k -> k.socket().queuedFrames())
                .description("frames waiting in kmsg send queues").register(m);
    }
}
