package dev.kplay.kernel;

import dev.kplay.kernel.fs.OpenFile;
import dev.kplay.kernel.module.Module;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Syscalls;
import dev.kplay.vm.Exit;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.PageFault;

import java.util.ArrayList;
import java.util.List;

/*
 * How tasks end, as kernel/exit.c: do_exit() closes the files (put_files_struct(), filp_close()
 * reading each f_op->flush), hands the children to init (forget_original_parent()) and leaves a
 * zombie; make_task_dead() is the same road after an oops. The call-trace frames of each way into
 * do_exit() are constants here, so an oops met on the way names the path the real kernel took.
 * Split out of Kernel so that the exit path, the oops it may meet and the task it marks
 * (oopsed) read as one piece.
 */

/** Task exit: do_exit(), forget_original_parent(), make_task_dead(). */
public final class TaskExit {
    /** do_exit() from make_task_dead(), after an oops killed the task. */
    public static final List<String> EXIT_AFTER_OOPS = List.of("put_files_struct+0x78/0xd0", "do_exit+0x363/0xb10",
            "make_task_dead+0x8d/0x90", "rewind_stack_and_make_dead+0x17/0x20");
    /** do_exit() from exit_group(2). */
    public static final List<String> EXIT_GROUP = List.of("put_files_struct+0x78/0xd0", "do_exit+0x363/0xb10",
            "do_group_exit+0x2d/0x80", "__x64_sys_exit_group+0x14/0x20", "do_syscall_64+0x5d/0xb0",
            "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    /** do_exit() from get_signal(), for a fatal signal on the way back to user space. */
    public static final List<String> EXIT_ON_SIGNAL = List.of("put_files_struct+0x78/0xd0", "do_exit+0x363/0xb10",
            "do_group_exit+0x2d/0x80", "get_signal+0x985/0x990", "arch_do_signal_or_restart+0x3e/0x830",
            "exit_to_user_mode_prepare+0x1b2/0x240", "syscall_exit_to_user_mode+0x17/0x40", "do_syscall_64+0x69/0xb0",
            "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");

    /** offsetof(struct file_operations, flush). */
    private static final int FOPS_FLUSH = 0x78;

    private final Kernel k;
    /** The task die() just reported, whose exit is then make_task_dead()'s. */
    private Task oopsed;

    TaskExit(Kernel k) {
        this.k = k;
    }

    /** die() reported an oops on t: its coming exit is make_task_dead()'s. */
    void oopsed(Task t) {
        oopsed = t;
    }

    /** The task leaves the kernel for good: from exit_group(2), or make_task_dead() after an oops. */
    void exit(Task t, int status) {
        boolean afterOops = oopsed == t;
        oopsed = null;
        if (!k.panicked()) {   // after oops_end() panicked the task never leaves the kernel
            doExit(t, status, afterOops ? EXIT_AFTER_OOPS : EXIT_GROUP);
        }
    }

    /**
     * Models do_exit(): PF_EXITING, then put_files_struct() closes every descriptor, and filp_close()
     * reads each file's f_op->flush. A file whose f_op points into a module that is gone faults
     * there: an oops while already exiting is a recursive fault (make_task_dead()), and the task is
     * left dead (X) for good, never reaped, holding what it held. {@code path} is how do_exit() was
     * reached, for that oops's call trace. Otherwise the task ends with the wait status.
     */
    void doExit(Task t, int status, List<String> path) {
        t.stack().reset();
        t.addFlags(Task.PF_EXITING);            // exit_signals()
        for (var fd : new ArrayList<>(t.files().values())) {
            if (fd.fops() != 0 && !filpCloseFlush(t, fd, path)) {
                k.scheduler().remove(t);   // dead for good: it never runs again, and nobody reaps it
                return;
            }
        }
        for (var f : t.files().values()) {
            boolean shared = k.tasks().values().stream().anyMatch(o -> o != t && o.files().containsValue(f));
            Module owner = k.moduleByStruct(f.owner());
            for (int i = 0; !shared && f.fops() != 0 && owner != null && i < f.moduleRefs(); i++) {
                owner.modulePut();
            }
        }
        t.fileTable().clear();
        forgetOriginalParent(t);
        t.setExitStatus(status);
        t.setState(Task.State.ZOMBIE);
        t.stack().reset();
        k.memory().unmap(t.stack().base(), KernelStack.THREAD_SIZE);
        k.scheduler().remove(t);
        if (t.adopted()) {
            reapByInit(t);                      // init reaps the orphans it adopted as they exit (its SIGCHLD handler)
        }
    }

    /** init's wait() for an orphan that ended: its times go to init's cutime and cstime. */
    private void reapByInit(Task t) {
        Task init = k.task(1);
        if (init != null) {
            init.reaped(t, k.config().nanosPerInstruction());
        }
        k.tasks().remove(t.pid());
    }

    /**
     * Models forget_original_parent() from exit_notify(): the exiting task's children go to the
     * child reaper, init (no subreaper here); a child already a zombie is reaped by init at once
     * (its SIGCHLD and wait), one left dead (X) stays as it is, never reaped.
     */
    private void forgetOriginalParent(Task t) {
        for (Task c : new ArrayList<>(k.tasks().values())) {
            if (c.ppid() == t.pid() && c != t && !c.isKthread()) {
                c.reparent(1);
                if (c.state() == Task.State.ZOMBIE) {
                    reapByInit(c);
                }
            }
        }
    }

    /** filp_close() reading f_op->flush; false if that faulted and the exiting task is now dead. */
    private boolean filpCloseFlush(Task t, OpenFile f, List<String> path) {
        try {
            k.memory().load(f.fops() + FOPS_FLUSH, 8);
            return true;
        } catch (PageFault pf) {
            setKernelPath(t, path);
            k.oopsReporter().die(t, new Exit.Faulted(pf, k.exports().address("filp_close") + 0x1d, "filp_close"));
            if (!k.panicked()) {
                k.oopsReporter().recursiveFault(t);
                t.setState(Task.State.DEAD);
            }
            return false;
        }
    }

    /**
     * A page fault in kernel code itself (vfs_read following a file's f_op into a freed module, say):
     * the oops names {@code function} as RIP, {@code path} lists its callers, and the task dies
     * (make_task_dead()). Returns {@link Syscalls#DIED}.
     */
    long kernelFault(Task t, PageFault pf, String function, int offset, List<String> path) {
        setKernelPath(t, path);
        long rip = k.exports().address(function) + offset;
        k.oopsReporter().die(t, new Exit.Faulted(pf, rip, function));
        t.stack().reset();
        if (!k.panicked()) {
            doExit(t, 9, EXIT_AFTER_OOPS);
        }
        return Syscalls.DIED;
    }

    /** The kernel functions the fault came through, innermost first, for the oops's call trace. */
    private static void setKernelPath(Task t, List<String> path) {
        t.kernelPath().clear();
        t.kernelPath().addAll(path);
    }
}
