package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.PerCpu;

/*
 * mm/percpu.c's allocator and the per-CPU layout a module reads (see PerCpu): __alloc_percpu()
 * gives an offset into the per-CPU area (NULL when it is full), __per_cpu_offset[] the CPU's base
 * (every entry CPU 0's: one CPU), nr_cpu_ids and __num_online_cpus 1.
 */

/** Per-CPU memory exports. */
final class PerCpuExports {
    /** The entries of __per_cpu_offset[] kplay lays out (NR_CPUS is 8192 on Debian; CPUs past nr_cpu_ids have none). */
    private static final int OFFSETS = 8;

    private final Kernel k;
    private final ExportTable t;

    PerCpuExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
    }

    void register() {
        PerCpu pcpu = k.perCpu();
        t.function("__alloc_percpu", 0x20, (a, s) -> pcpu.alloc(a[0], a[1]));
        t.function("__alloc_percpu_gfp", 0x20, (a, s) -> pcpu.alloc(a[0], a[1]));
        t.function("free_percpu", 0x1a0, (a, s) -> {
            pcpu.free(a[0]);
            return 0;
        });
        long offsets = t.object("__per_cpu_offset", 8 * OFFSETS);
        for (int cpu = 0; cpu < OFFSETS; cpu++) {
            k.memory().store(offsets + 8L * cpu, 8, PerCpu.BASE);
        }
        k.memory().store(t.object("nr_cpu_ids", 4), 4, 1);
        k.memory().store(t.object("__num_online_cpus", 4), 4, 1);
    }
}
