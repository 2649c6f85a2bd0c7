package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * kernel/jump_label.c's static keys. 6.1 rewrites the jump at every static_branch_*() site when
 * a key's count goes between 0 and 1; kplay's code reads the count (static_key_count) at those
 * sites instead, so enabling and disabling here is all the patching there is. Counts as 6.1 keeps
 * them: static_key_enable/disable set 1/0 (and leave a key that is not 0 or 1 as it is),
 * static_key_slow_inc/dec count up and down.
 *
 * struct static_key: enabled@0 (atomic_t).
 */

/** Static key exports. */
final class JumpLabelExports {
    private final ExportTable t;
    private final AddressSpace mem;

    JumpLabelExports(Kernel k) {
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        long initialized = t.object("static_key_initialized", 1);
        mem.store(initialized, 1, 1);
        t.function("static_key_count", 0x20, (a, s) -> {
            int n = (int) mem.load(a[0], 4);
            return n >= 0 ? n : 1;
        });
        t.function("static_key_slow_inc", 0x60, (a, s) -> {
            mem.store(a[0], 4, (int) mem.load(a[0], 4) + 1);
            return 0;
        });
        t.function("static_key_slow_dec", 0x60, (a, s) -> {
            int n = (int) mem.load(a[0], 4);
            if (n > 0) {
                mem.store(a[0], 4, n - 1);
            }
            return 0;
        });
        t.function("static_key_enable", 0x80, (a, s) -> {
            if ((int) mem.load(a[0], 4) == 0) {
                mem.store(a[0], 4, 1);
            }
            return 0;
        });
        t.function("static_key_disable", 0x80, (a, s) -> {
            if ((int) mem.load(a[0], 4) == 1) {
                mem.store(a[0], 4, 0);
            }
            return 0;
        });
    }
}
