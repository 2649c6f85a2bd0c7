package dev.kplay.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelConfig;
import org.junit.jupiter.api.Test;

/*
 * Kernels of the same image share what their boots made alike (the pages the boot wrote, the export
 * table's symbols), and each still behaves as if it had its own: a write, a zeroing or a new export in
 * one kernel is never seen by another.
 */

/** Boot-time pages and export symbols are shared copy-on-write between kernels. */
class BootSharingTest {
    @Test
    void aWriteToASharedBootPageStaysInItsKernel() {
        PageBudget budget = PageBudget.unlimited();
        Kernel a = Kernel.boot(KernelConfig.defaults(), budget);
        Kernel b = Kernel.boot(KernelConfig.defaults(), budget);
        long page = firstNonZeroDataPage(a);
        long addr = page + 64;
        long before = b.memory().load(addr, 8);
        assertEquals(before, a.memory().load(addr, 8), "both kernels booted the same bytes");
        long backed = a.memory().backedPages();

        a.memory().store(addr, 8, ~before);
        assertEquals(~before, a.memory().load(addr, 8));
        assertEquals(before, b.memory().load(addr, 8), "the other kernel keeps the boot's bytes");
        assertEquals(backed + 1, a.memory().backedPages(), "the written page got a frame of its own");

        long bootHead = a.memory().load(page, 8);
        b.memory().zero(page, 16);
        assertEquals(0, b.memory().load(page, 8), "zeroing a shared page writes the kernel's own copy");
        Kernel c = Kernel.boot(KernelConfig.defaults(), budget);
        assertEquals(before, c.memory().load(addr, 8), "a later boot still starts from the boot's bytes");
        assertEquals(bootHead, c.memory().load(page, 8));
    }

    @Test
    void anExportAddedToOneKernelIsNotInAnother() {
        Kernel a = Kernel.boot(KernelConfig.defaults());
        Kernel b = Kernel.boot(KernelConfig.defaults());
        long printk = a.exports().lookup("_printk");
        assertNotEquals(0, printk);
        assertEquals(printk, b.exports().lookup("_printk"), "the same layout in both");

        long added = a.exports().function("kplay_shared_test_fn", 32, (args, stack) -> 7);
        assertEquals(added, a.exports().lookup("kplay_shared_test_fn"));
        assertTrue(a.exports().isNative(added));
        assertEquals(7, a.exports().call(added, new long[0], null));
        assertEquals(0, b.exports().lookup("kplay_shared_test_fn"), "the other kernel's table is unchanged");
        assertEquals(printk, a.exports().lookup("_printk"), "the kernel that added one keeps the rest");
        assertEquals("_printk", a.exports().nameOf(printk));
        assertEquals(a.exports().all().size(), b.exports().all().size() + 1);
    }

    @Test
    void aStoreToKernelTextGetsThatPageAPrivateCopy() {
        Kernel a = Kernel.boot(KernelConfig.defaults());
        Kernel b = Kernel.boot(KernelConfig.defaults());
        long printk = a.exports().lookup("_printk");
        long otherPage = 0;
        for (var e : a.exports().all()) {
            if (e.function() && (e.address() >>> 12) != (printk >>> 12)) {
                otherPage = (e.address() & ~0xfffL) + (printk & 0xfff);
                break;
            }
        }
        assertNotEquals(0, otherPage);
        long backed = a.memory().backedPages();
        a.memory().store(printk, 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, a.memory().load(printk, 8));
        assertEquals(0, b.memory().load(printk, 8), "another kernel's text is untouched");
        assertEquals(0, a.memory().load(otherPage, 8), "another text page of the same kernel is untouched");
        assertEquals(backed + 1, a.memory().backedPages(), "the written text page got a frame of its own");
    }

    @Test
    void pagesWrittenAfterBootAreSharedByKernelsThatWroteTheSame() {
        Kernel a = Kernel.boot(KernelConfig.defaults());
        Kernel b = Kernel.boot(KernelConfig.defaults());
        Kernel c = Kernel.boot(KernelConfig.defaults());
        long[] objects = new long[3];
        Kernel[] ks = {a, b, c};
        for (int i = 0; i < 3; i++) {
            objects[i] = ks[i].slab().kmalloc(24);
            ks[i].memory().store(objects[i], 8, i == 2 ? 0x5151L : 0x4242L);
        }
        assertEquals(objects[0], objects[1], "the same allocation in kernels of the same image");
        long bootBacked = b.memory().backedPages();
        a.memory().freezeBootPages();
        b.memory().freezeBootPages();
        c.memory().freezeBootPages();
        assertTrue(b.memory().backedPages() < bootBacked, "b's page is a's frozen copy now");
        assertEquals(0x4242L, b.memory().load(objects[1], 8));
        assertEquals(0x5151L, c.memory().load(objects[2], 8), "c wrote other bytes: its own version");
        b.memory().store(objects[1], 8, 7);
        assertEquals(0x4242L, a.memory().load(objects[0], 8), "a write after the freeze stays in its kernel");
        assertEquals(7, b.memory().load(objects[1], 8));
    }

    /** A kernel-data page the boot wrote (exported objects such as param_ops_int hold pointers). */
    private static long firstNonZeroDataPage(Kernel k) {
        for (long p = Layout.KERNEL_DATA; p < Layout.KERNEL_DATA + 64 * Layout.PAGE_SIZE; p += Layout.PAGE_SIZE) {
            if (!k.memory().present(p)) {
                continue;
            }
            for (long a = p; a < p + Layout.PAGE_SIZE; a += 8) {
                if (k.memory().load(a, 8) != 0) {
                    return p;
                }
            }
        }
        throw new AssertionError("no kernel data page was written at boot");
    }
}
