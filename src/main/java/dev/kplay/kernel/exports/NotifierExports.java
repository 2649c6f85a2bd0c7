package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import java.util.List;

/*
 * kernel/notifier.c's chains: a singly linked list of the module's notifier_blocks (@0
 * notifier_call, @8 next, @16 priority), highest priority first, a new block after those of its
 * priority. Registering a block already in the chain WARNs as 6.1 does and returns -EEXIST; a call
 * walks the chain, reading each block's next before calling it, and stops at a return with
 * NOTIFY_STOP_MASK. The list sits after the head's lock: @40 in a blocking head, @8 in an atomic
 * one, @0 in a raw one. The heads' locks are not taken (notifier.h says so).
 */

/** The notifier chain exports. */
final class NotifierExports {
    private static final long EEXIST = -17, EBUSY = -16, ENOENT = -2;
    private static final int NOTIFY_DONE = 0, NOTIFY_STOP_MASK = 0x8000;
    private static final int BLOCKING = 40, ATOMIC = 8, RAW = 0;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    NotifierExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.internal("notifier_chain_register", 0x70);
        chain("blocking", BLOCKING, "blocking_notifier_chain_register+0x2f/0x60");
        chain("atomic", ATOMIC, "atomic_notifier_chain_register+0x3a/0x70");
        t.function("raw_notifier_chain_register", 0x10, (a, s) -> register(a[0] + RAW, a[1], false,
                "raw_notifier_chain_register+0x9/0x10"));
        t.function("raw_notifier_chain_unregister", 0x30, (a, s) -> unregister(a[0] + RAW, a[1]));
        t.function("raw_notifier_call_chain", 0x20, (a, s) -> call(a[0] + RAW, a[1], a[2]));
    }

    /** The blocking_ or atomic_ family of a head whose list is at offset head. */
    private void chain(String kind, int head, String caller) {
        int size = Integer.parseInt(caller.substring(caller.lastIndexOf("/0x") + 3), 16);
        t.function(kind + "_notifier_chain_register", size, (a, s) -> register(a[0] + head, a[1], false, caller));
        t.function(kind + "_notifier_chain_register_unique_prio", size,
                (a, s) -> register(a[0] + head, a[1], true, caller.replace("_register+", "_register_unique_prio+")));
        t.function(kind + "_notifier_chain_unregister", 0x60, (a, s) -> unregister(a[0] + head, a[1]));
        t.function(kind + "_notifier_call_chain", 0x60, (a, s) -> call(a[0] + head, a[1], a[2]));
    }

    /** notifier_chain_register: link n into the list at nl by priority. */
    private long register(long nl, long n, boolean uniquePriority, String caller) {
        int priority = (int) mem.load(n + 16, 4);
        for (long cur; (cur = mem.load(nl, 8)) != 0; nl = cur + 8) {
            if (cur == n) {
                k.oopsReporter().warn(k.current(), "notifier callback " + ps(mem.load(n, 8))
                        + " already registered", "kernel/notifier.c:28", "notifier_chain_register+0x3e/0x70", List.of(caller));
                return EEXIST;
            }
            int p = (int) mem.load(cur + 16, 4);
            if (priority > p) {
                break;
            }
            if (priority == p && uniquePriority) {
                return EBUSY;
            }
        }
        mem.store(n + 8, 8, mem.load(nl, 8));
        mem.store(nl, 8, n);
        return 0;
    }

    /** %ps of a function pointer: its symbol and module, or the address. */
    private String ps(long fn) {
        String sym = k.symbolize(fn, false);
        return sym != null ? sym : "0x" + Long.toHexString(fn);
    }

    /** notifier_chain_unregister: unlink n from the list at nl. */
    private long unregister(long nl, long n) {
        for (long cur; (cur = mem.load(nl, 8)) != 0; nl = cur + 8) {
            if (cur == n) {
                mem.store(nl, 8, mem.load(n + 8, 8));
                return 0;
            }
        }
        return ENOENT;
    }

    /** notifier_call_chain with no limit: each block's notifier_call(nb, val, v) until one stops the walk. */
    private long call(long nl, long val, long v) {
        int ret = NOTIFY_DONE;
        for (long nb = mem.load(nl, 8); nb != 0; ) {
            long next = mem.load(nb + 8, 8);
            ret = (int) k.callModule(mem.load(nb, 8), nb, val, v);
            if ((ret & NOTIFY_STOP_MASK) != 0) {
                break;
            }
            nb = next;
        }
        return ret;
    }
}
