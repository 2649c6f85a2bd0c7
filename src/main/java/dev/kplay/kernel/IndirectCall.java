package dev.kplay.kernel;

import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.Cpu;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.NestedExit;

/*
 * Kernel code calling through a function pointer and using the result in place: the driver core
 * calling a driver's probe, kmem_cache_alloc() calling a constructor, a parameter's .get. In Linux
 * this is just an indirect call on the same stack; here the callee may be module code run by the
 * CPU model, so the call runs on the current task's kernel stack above the Java native that made
 * it, advancing virtual time as it goes and sleeping through the scheduler when the callee
 * blocks. Split out of Kernel because it is the one place that drives the CPU outside the
 * scheduler, and its rules (nesting floor, NestedExit) want reading together.
 */

/** An indirect call from kernel code into a function pointer that may be module code. */
final class IndirectCall {
    private final Kernel k;
    private final Cpu cpu;

    IndirectCall(Kernel k, Cpu cpu) {
        this.k = k;
        this.cpu = cpu;
    }

    /**
     * Calls fn with args on the current task's stack and returns its value. A native fn is a plain
     * call. A callee that oopses throws {@link NestedExit}, so the task dies of that fault with both
     * frames in the trace. The callee may sleep: other tasks run and time passes until it is woken
     * (Scheduler.sleepNested); if nothing can ever wake it, the task stays asleep for good and a
     * NestedExit with the Blocked exit unwinds the natives, and their syscall never returns.
     */
    long call(long fn, long... args) {
        Task t = k.current();
        if (t == null) {
            throw new IllegalStateException("callModule with no current task");
        }
        KernelStack ks = t.stack();
        if (k.exports().isNative(fn)) {
            // The pointer names a kernel function (.get = param_get_int): a plain call.
            return k.exports().call(fn, args, ks);
        }
        int floor = ks.enterNested();
        try {
            Exit exit = cpu.call(ks, fn, args);
            while (exit == null || exit instanceof Exit.OutOfBudget
                    || exit instanceof Exit.Blocked && k.scheduler().sleepNested(t)) {
                long before = ks.instructions();
                exit = cpu.run(ks, Math.min(1_000_000, k.config().instructionsPerSlice()));
                long ran = ks.instructions() - before;
                k.timers().advance(ran * k.config().nanosPerInstruction());
                t.addRun(ran);
            }
            if (exit instanceof Exit.Returned r) {
                return r.value();
            }
            throw new NestedExit(exit);   // an oops, or asleep for good (Blocked): the task stays blocked
        } finally {
            ks.leaveNested(floor);
        }
    }
}
