package dev.kplay.kernel.fs;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.sched.Task;
import dev.kplay.vm.KernelStack;

import java.util.TreeMap;

/*
 * The character-device side of the kernel: the misc device registry (drivers/char/misc.c), the
 * sleeping side of wait queues, and khungtaskd (kernel/hung_task.c), which reports tasks stuck
 * in D state for longer than hung_task_timeout_secs. Sleepers are tasks whose kernel stack is
 * blocked; a wake_up() finds them through the wait-queue entries in module memory, exactly the
 * list the module's own code built.
 */

/** Device registries and sleepers. */
public final class Devices {
    /** One misc_register()ed device. */
    public record Misc(long misc, int minor, String name, long fops) {}

    private final Kernel k;
    private final TreeMap<Integer, Misc> misc = new TreeMap<>();
    /** register_chrdev()ed majors: major → (name, fops). */
    private final TreeMap<Integer, Chrdev> chrdevs = new TreeMap<>();
    /** device_create()d nodes: /dev name → struct device address. */
    private final TreeMap<String, Long> created = new TreeMap<>();

    /** One register_chrdev() registration (a cdev whose owner is fops->owner). */
    public record Chrdev(String name, long fops) {}
    /** /proc/sys/kernel/hung_task_timeout_secs (0 disables the detector). */
    private long hungTimeoutSecs = 120;
    /** When khungtaskd looks next (virtual ns). */
    private long nextHungCheck = -1;
    /** sysctl_hung_task_warnings: reports left. */
    private int hungWarnings = 10;

    public Devices(Kernel k) {
        this.k = k;
    }

    public void miscRegister(long miscAddr, int minor, String name, long fops) {
        misc.put(minor, new Misc(miscAddr, minor, name, fops));
    }

    /** Models misc_deregister(): the device and its /dev node go away. */
    public void miscDeregister(long miscAddr) {
        for (Misc m : misc.values()) {
            if (m.misc() == miscAddr) {
                misc.remove(m.minor());
                Dir dev = (Dir) k.vfs().lookup("/dev");
                if (dev.lookup(m.name()) instanceof DevNode d && d.major() == 10 && d.minor() == m.minor()) {
                    dev.remove(m.name());
                }
                return;
            }
        }
    }

    /** The file_operations of misc device minor, or 0. */
    public long miscByMinor(int minor) {
        Misc m = misc.get(minor);
        return m == null ? 0 : m.fops();
    }

    public Misc misc(int minor) {
        return misc.get(minor);
    }

    /** The file_operations behind a device node, or 0 (no driver: -ENXIO on open). */
    public long fops(DevNode d) {
        if (d.major() == 10) {
            return miscByMinor(d.minor());
        }
        Chrdev c = chrdevs.get(d.major());
        return c == null ? 0 : c.fops();
    }

    /** Whether the node's cdev is a module's own (register_chrdev), so open takes a second reference. */
    public boolean moduleCdev(DevNode d) {
        return d.major() != 10 && chrdevs.containsKey(d.major());
    }

    /** Models __register_chrdev(): major 0 asks for a dynamic one (from 246 down: the oracle machine's drivers hold 247-254); returns it or 0, or -EBUSY. */
    public long registerChrdev(int major, String name, long fops) {
        if (major == 0) {
            for (int m = 246; m >= 234; m--) {
                if (!chrdevs.containsKey(m)) {
                    chrdevs.put(m, new Chrdev(name, fops));
                    return m;
                }
            }
            return -16;
        }
        if (chrdevs.containsKey(major)) {
            return -16;
        }
        chrdevs.put(major, new Chrdev(name, fops));
        return 0;
    }

    public void unregisterChrdev(int major) {
        chrdevs.remove(major);
    }

    /** device_create(): devtmpfs makes /dev/NAME for the device number. */
    public void deviceCreate(String name, int major, int minor, long dev) {
        Dir d = (Dir) k.vfs().lookup("/dev");
        if (d.lookup(name) == null) {
            d.put(name, new DevNode(0600, major, minor));
            created.put(name, dev);
        }
    }

    /** device_destroy(): the node goes; returns the struct device address or 0. */
    public long deviceDestroy(int major, int minor) {
        Dir d = (Dir) k.vfs().lookup("/dev");
        for (var e : created.entrySet()) {
            if (d.lookup(e.getKey()) instanceof DevNode n && n.major() == major && n.minor() == minor) {
                d.remove(e.getKey());
                created.remove(e.getKey());
                return e.getValue();
            }
        }
        return 0;
    }

    /** schedule() with the task not running: it sleeps on its kernel stack. */
    public void sleep(Task t, KernelStack s) {
        s.block();
        t.setSleepStart(k.now());
        t.setHungObservedAt(-1);
    }

    /** Models __wake_up(): wakes the tasks queued on the wait-queue head (removing autoremove entries). */
    public void wakeUp(long head) {
        AddressSpace mem = k.memory();
        long list = head + 8;
        long node = mem.load(list, 8);
        int guard = 0;
        while (node != list && node != 0 && guard++ < 10_000) {
            long next = mem.load(node, 8);
            long entry = node - 24;
            long taskStruct = mem.load(entry + 8, 8);
            for (Task t : k.tasks().values()) {
                if (t.taskStruct() == taskStruct && taskStruct != 0) {
                    k.wakeUp(t);
                }
            }
            long prev = mem.load(node + 8, 8);
            mem.store(prev, 8, next);
            mem.store(next + 8, 8, prev);
            mem.store(node, 8, node);
            mem.store(node + 8, 8, node);
            node = next;
        }
    }

    public long hungTimeoutSecs() {
        return hungTimeoutSecs;
    }

    /** Writing hung_task_timeout_secs wakes khungtaskd: it checks now, then every timeout seconds. */
    public void setHungTimeoutSecs(long secs) {
        hungTimeoutSecs = secs;
        if (secs > 0) {
            checkHungTasks();
            nextHungCheck = k.now() + secs * 1_000_000_000L;
        } else {
            nextHungCheck = -1;
        }
    }

    /** Runs khungtaskd's checks due up to time {@code until}. */
    public void hungTaskCheck(long until) {
        if (nextHungCheck < 0 && hungTimeoutSecs > 0) {
            nextHungCheck = k.now() + hungTimeoutSecs * 1_000_000_000L;
        }
        while (hungTimeoutSecs > 0 && nextHungCheck <= until) {
            k.clock().advanceTo(nextHungCheck);
            checkHungTasks();
            nextHungCheck += hungTimeoutSecs * 1_000_000_000L;
        }
    }

    /**
     * Models check_hung_uninterruptible_tasks(): a D-state sleeper is first noticed (its
     * last_switch_time set to now), and reported once it has stayed asleep for the timeout since then.
     */
    private void checkHungTasks() {
        long period = hungTimeoutSecs * 1_000_000_000L;
        for (Task t : k.tasks().values()) {
            if (!t.alive() || t.state() != Task.State.DISK_SLEEP || !t.stack().isBlocked()) {
                continue;
            }
            if (t.hungObservedAt() < 0) {
                t.setHungObservedAt(k.now());
            } else if (k.now() - t.hungObservedAt() >= period && hungWarnings > 0) {
                hungWarnings--;
                k.oopsReporter().hungTask(t, (k.now() - t.hungObservedAt()) / 1_000_000_000L);
            }
        }
    }
}
