package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.fs.DevNode;
import dev.kplay.kernel.fs.Dir;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.sched.TaskStruct;

/*
 * Misc devices (drivers/char/misc.c) and wait queues (kernel/sched/wait.c) as modules use them.
 * misc_register() takes a dynamic minor (counting down from 124, as the oracle's kernel hands
 * them out) and makes /dev/NAME appear, as devtmpfs does; the VFS then dispatches the node's
 * file operations to the module (see SyscallTable). A wait_event() sleeps for real: schedule()
 * with the task in TASK_UNINTERRUPTIBLE or TASK_INTERRUPTIBLE blocks the task on its kernel stack,
 * the syscall comes back RUNNING, and the task shows as D or S.
 *
 * struct miscdevice: minor@0 name@8 fops@16; struct wait_queue_head: lock@0 head@8;
 * struct wait_queue_entry: flags@0 private@8 func@16 entry@24 (kplay's headers document these).
 */

/** Misc device and wait-queue exports. */
final class DeviceExports {
    static final int MISC_MAJOR = 10;
    static final int MISC_DYNAMIC_MINOR = 255;
    static final int TASK_INTERRUPTIBLE = 1, TASK_UNINTERRUPTIBLE = 2;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;
    private int nextDynamicMinor = 124;

    DeviceExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("misc_register", 0x180, (a, s) -> miscRegister(a[0]));
        t.function("misc_deregister", 0x100, (a, s) -> {
            k.devices().miscDeregister(a[0]);
            return 0;
        });
        long autoremove = t.function("autoremove_wake_function", 0x40, (a, s) -> 1);
        t.function("default_wake_function", 0x40, (a, s) -> 1);
        t.function("init_wait_entry", 0x40, (a, s) -> {
            long e = a[0];
            mem.store(e, 4, a[1]);
            mem.store(e + 8, 8, currentTaskStruct());
            mem.store(e + 16, 8, autoremove);
            listInit(e + 24);
            return 0;
        });
        t.function("prepare_to_wait_event", 0x80, (a, s) -> {
            long head = a[0] + 8;
            long entry = a[1] + 24;
            if (mem.load(entry, 8) == entry) {
                listAddTail(entry, head);
            }
            setState((int) a[2]);
            return 0;
        });
        t.function("prepare_to_wait", 0x80, (a, s) -> {
            long head = a[0] + 8;
            long entry = a[1] + 24;
            if (mem.load(entry, 8) == entry) {
                listAddTail(entry, head);
            }
            setState((int) a[2]);
            return 0;
        });
        t.function("finish_wait", 0x60, (a, s) -> {
            setState(0);
            long entry = a[1] + 24;
            if (mem.load(entry, 8) != entry) {
                listDel(entry);
            }
            return 0;
        });
        t.function("__wake_up", 0x60, (a, s) -> {
            k.devices().wakeUp(a[0]);
            return 0;
        });
        t.function("schedule", 0x80, (a, s) -> {
            Task cur = k.current();
            if (cur != null && cur.state() != Task.State.RUNNING) {
                k.devices().sleep(cur, s);
            } else if (cur != null) {
                cur.slept();
            }
            return 0;
        });
        t.function("io_schedule", 0x40, (a, s) -> {
            Task cur = k.current();
            if (cur != null && cur.state() != Task.State.RUNNING) {
                k.devices().sleep(cur, s);
            }
            return 0;
        });
    }

    private long currentTaskStruct() {
        Task cur = k.current();
        return cur == null ? 0 : cur.taskStruct();
    }

    /** set_current_state() for natives: the Task's state follows __state. */
    private void setState(int state) {
        Task cur = k.current();
        if (cur == null) {
            return;
        }
        cur.setState(state == 0 ? Task.State.RUNNING
                : (state & TASK_UNINTERRUPTIBLE) != 0 ? Task.State.DISK_SLEEP : Task.State.SLEEPING);
        mem.store(cur.taskStruct() + TaskStruct.STATE_OFFSET, 4, state);
    }

    /** Models misc_register(): 0, -EBUSY for a taken minor, -EINVAL without a name. */
    private long miscRegister(long misc) {
        int minor = (int) mem.load(misc, 4);
        long namePtr = mem.load(misc + 8, 8);
        if (namePtr == 0) {
            return -22;
        }
        String name = mem.readCString(namePtr, 64);
        if (minor == MISC_DYNAMIC_MINOR) {
            minor = nextDynamicMinor--;
            mem.store(misc, 4, minor);
        }
        Dir dev = (Dir) k.vfs().lookup("/dev");
        if (dev.lookup(name) != null || k.devices().miscByMinor(minor) != 0) {
            return -16;
        }
        long fops = mem.load(misc + 16, 8);
        k.devices().miscRegister(misc, minor, name, fops);
        dev.put(name, new DevNode(0600, MISC_MAJOR, minor));
        return 0;
    }

    private void listInit(long node) {
        mem.store(node, 8, node);
        mem.store(node + 8, 8, node);
    }

    private void listAddTail(long node, long head) {
        long prev = mem.load(head + 8, 8);
        mem.store(node, 8, head);
        mem.store(node + 8, 8, prev);
        mem.store(prev, 8, node);
        mem.store(head + 8, 8, node);
    }

    private void listDel(long node) {
        long next = mem.load(node, 8);
        long prev = mem.load(node + 8, 8);
        mem.store(prev, 8, next);
        mem.store(next + 8, 8, prev);
        listInit(node);
    }
}
