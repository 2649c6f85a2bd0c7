package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.vm.Trap;

/*
 * lib/list_debug.c, which Debian's 6.1 builds (CONFIG_DEBUG_LIST) with CONFIG_BUG_ON_DATA_CORRUPTION:
 * list.h's __list_add() and __list_del_entry() ask first, and a corrupted list gets
 * CHECK_DATA_CORRUPTION()'s pr_err and BUG(), in the checks' order, with the lines and the .cold
 * offsets the oracle recorded for each (eleven modules, one corruption each).
 */

/** __list_add_valid and __list_del_entry_valid. */
final class ListDebugExports {
    private static final String FILE = "lib/list_debug.c";
    private static final long POISON1 = 0xdead000000000100L, POISON2 = 0xdead000000000122L;

    private final Kernel k;
    private final ExportTable t;
    private final AddressSpace mem;

    ListDebugExports(Kernel k) {
        this.k = k;
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("__list_add_valid", 0x90, (a, s) -> {
            long node = a[0], prev = a[1], next = a[2];
            if (prev == 0) {
                corrupt(23, "add", 0xc, "list_add corruption. prev is NULL.");
            }
            if (next == 0) {
                corrupt(25, "add", 0x59, "list_add corruption. next is NULL.");
            }
            long nextPrev = mem.load(next + 8, 8);
            if (nextPrev != prev) {
                corrupt(27, "add", 0x4b, "list_add corruption. next->prev should be prev (" + px(prev) + "), but was "
                        + px(nextPrev) + ". (next=" + px(next) + ").");
            }
            long prevNext = mem.load(prev, 8);
            if (prevNext != next) {
                corrupt(30, "add", 0x3a, "list_add corruption. prev->next should be next (" + px(next) + "), but was "
                        + px(prevNext) + ". (prev=" + px(prev) + ").");
            }
            if (node == prev || node == next) {
                corrupt(33, "add", 0x23, "list_add double add: new=" + px(node) + ", prev=" + px(prev) + ", next="
                        + px(next) + ".");
            }
            return 1;
        });
        t.function("__list_del_entry_valid", 0xa0, (a, s) -> {
            long entry = a[0];
            long prev = mem.load(entry + 8, 8);
            long next = mem.load(entry, 8);
            if (next == 0) {
                corrupt(49, "del", 0xf, "list_del corruption, " + px(entry) + "->next is NULL");
            }
            if (prev == 0) {
                corrupt(51, "del", 0x6d, "list_del corruption, " + px(entry) + "->prev is NULL");
            }
            if (next == POISON1) {
                corrupt(53, "del", 0x5c, "list_del corruption, " + px(entry) + "->next is LIST_POISON1 (" + px(POISON1) + ")");
            }
            if (prev == POISON2) {
                corrupt(56, "del", 0x4b, "list_del corruption, " + px(entry) + "->prev is LIST_POISON2 (" + px(POISON2) + ")");
            }
            long prevNext = mem.load(prev, 8);
            if (prevNext != entry) {
                corrupt(59, "del", 0x37, "list_del corruption. prev->next should be " + px(entry) + ", but was "
                        + px(prevNext) + ". (prev=" + px(prev) + ")");
            }
            long nextPrev = mem.load(next + 8, 8);
            if (nextPrev != entry) {
                corrupt(62, "del", 0x23, "list_del corruption. next->prev should be " + px(entry) + ", but was "
                        + px(nextPrev) + ". (next=" + px(next) + ")");
            }
            return 1;
        });
        t.internal("__list_add_valid.cold", 0x5b);
        t.internal("__list_del_entry_valid.cold", 0x6f);
    }

    /** CHECK_DATA_CORRUPTION(): pr_err(message), then BUG() in the function's .cold part. */
    private void corrupt(int line, String op, int coldOffset, String message) {
        k.printk().log(3, message);
        String fn = op.equals("add") ? "__list_add_valid.cold" : "__list_del_entry_valid.cold";
        int size = op.equals("add") ? 0x5b : 0x6f;
        throw new Trap(Trap.Kind.INVALID_OPCODE, FILE, line, String.format("%s+0x%x/0x%x", fn, coldOffset, size));
    }

    /** %px: the pointer's 16 hex digits. */
    private static String px(long p) {
        return String.format("%016x", p);
    }
}
