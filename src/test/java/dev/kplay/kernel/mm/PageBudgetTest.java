package dev.kplay.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kernel memory is backed only where written, and every kernel draws on one server-wide budget. */
class PageBudgetTest {
    @Test
    void pagesAreBackedOnlyOnceWritten() {
        PageBudget budget = PageBudget.unlimited();
        AddressSpace mem = new AddressSpace(budget);
        Slab slab = new Slab(mem, 64L << 20, budget);
        long a = slab.kmalloc(4L << 20);
        assertNotEquals(0, a);
        assertEquals(0, mem.load(a + 12345, 8), "fresh memory reads as zeros");
        assertEquals(0, budget.backedBytes(), "reading does not back a page");
        mem.store(a + 8192, 8, 42);
        assertEquals(42, mem.load(a + 8192, 8));
        assertEquals(Layout.PAGE_SIZE, budget.backedBytes(), "one written page is backed");
        assertEquals(4L << 20, budget.reservedBytes());
        slab.kfree(a);
        assertEquals(0, budget.backedBytes(), "freeing unmaps the page");
        assertEquals(0, budget.reservedBytes());
    }

    @Test
    void theSharedBudgetFailsAllocationsAcrossKernels() {
        PageBudget budget = new PageBudget(6L << 20);
        Slab one = new Slab(new AddressSpace(budget), 64L << 20, budget);
        Slab two = new Slab(new AddressSpace(budget), 64L << 20, budget);
        assertNotEquals(0, one.kmalloc(4L << 20));
        assertEquals(0, two.kmalloc(4L << 20), "the server's pool is spent, though the session's own limit is not");
        assertNotEquals(0, two.kmalloc(1L << 20));
        one.release();
        assertNotEquals(0, two.kmalloc(4L << 20), "a torn-down kernel gives its memory back");
        assertTrue(budget.reservedBytes() <= budget.limitBytes());
    }

    @Test
    void zeroingReusedObjectsClearsOldData() {
        PageBudget budget = PageBudget.unlimited();
        AddressSpace mem = new AddressSpace(budget);
        Slab slab = new Slab(mem, 1L << 20, budget);
        long a = slab.kmalloc(64);
        mem.store(a, 8, -1);
        slab.kfree(a);
        long b = slab.kmalloc(64);
        assertEquals(a, b, "SLUB reuses the freed object");
        assertEquals(0, mem.load(b, 8), "kmalloc memory is zeroed");
    }
}
