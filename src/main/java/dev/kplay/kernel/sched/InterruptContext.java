package dev.kplay.kernel.sched;

import dev.kplay.vm.Exit;
import java.util.List;

import static dev.kplay.kernel.sched.Scheduler.SLICE;

/*
 * Module code run in interrupt context (timer and tasklet softirqs, hrtimer hardirqs): between
 * irq_enter() and irq_exit() (kernel/softirq.c) preempt_count carries the HARDIRQ or SOFTIRQ
 * offset, the code runs on the interrupt stack to its end without sleeping, and a fault there is
 * fatal to the kernel. Split from Scheduler: no task is scheduled here, the interrupted one stays
 * current.
 */

/** Running code in interrupt context. */
final class InterruptContext {
    private final Scheduler sched;

    InterruptContext(Scheduler sched) {
        this.sched = sched;
    }

    /**
     * A fault in interrupt-context kernel code outside module code: at {@code function}+{@code offset},
     * reached through {@code path} (innermost first) on the interrupt stack {@code on}.
     */
    void faultInInterrupt(Task on, String function, int offset, dev.kplay.vm.PageFault fault, List<String> path,
                          int preemptOffset) {
        sched.preemptCountAdd(preemptOffset);
        try {
            on.kernelPath().clear();
            on.kernelPath().addAll(path);
            long at = sched.host.kernelSymbol(function) + offset;
            sched.host.dieInInterrupt(sched.current, on, new Exit.Faulted(fault, at, function));
        } finally {
            on.kernelPath().clear();
            sched.preemptCountAdd(-preemptOffset);
        }
    }

    /** Runs fn(args) in interrupt context (timer softirq, hardirq) on the idle task's stack; returns its value. */
    long runInterrupt(Task on, long fn, long[] args, List<String> path, int offset) {
        sched.preemptCountAdd(offset);
        Task prev = sched.current;
        try {
            if (!sched.call(on, fn, args, path, v -> v)) {
                return 0;
            }
            long saved = sched.budgetLeft;
            sched.budgetLeft = Math.max(sched.budgetLeft, SLICE * 50);
            Task was = sched.current;
            sched.current = prev;
            try {
                while (true) {
                    long before = on.stack().instructions();
                    Exit exit = sched.cpu.run(on.stack(), SLICE * 50);
                    sched.timers.clock().advance((on.stack().instructions() - before) * sched.nanosPerInstruction());
                    if (exit instanceof Exit.Returned r) {
                        on.setContinuation(null);
                        on.kernelPath().clear();
                        return r.value();
                    }
                    if (exit instanceof Exit.OutOfBudget) {
                        continue;
                    }
                    if (exit instanceof Exit.Blocked) {
                        on.stack().resume(0);
                        continue;
                    }
                    sched.host.dieInInterrupt(prev, on, exit);
                    on.stack().reset();
                    on.kernelPath().clear();
                    return 0;
                }
            } finally {
                sched.current = was;
                sched.budgetLeft = saved;
            }
        } finally {
            sched.preemptCountAdd(-offset);
            sched.current = prev;
        }
    }
}
