package dev.kplay.bench;

import java.util.Locale;

/**
 * Only the CPU-bound figure of the benchmark (a quicker run): {@code java ... dev.kplay.bench.CpuBoundMain};
 * {@code -Dkplay.bench.cpu=fib,sort} runs only the workloads named.
 */
public final class CpuBoundMain {
    private CpuBoundMain() {}

    public static void main(String[] args) throws Exception {
        for (CpuBound.Figure f : CpuBound.measure()) {
            System.out.printf(Locale.ROOT, "CPU-bound %-6s gcc -O0 %8.1f ms  kplay %8.1f ms  %6.2fx  results %s %s%n", f.name(),
                    f.nativeNanos() / 1e6, f.kplayNanos() / 1e6, f.ratio(), f.nativeResult(),
                    f.nativeResult().equals(f.kplayResult()) ? "agree" : "DIFFER: " + f.kplayResult());
        }
    }
}
