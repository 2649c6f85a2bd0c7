package dev.kplay.kernel.mm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kmalloc objects never overlap, in caches whose size does not divide the 4 KiB slab too. */
class SlabTest {
    @ParameterizedTest
    @ValueSource(ints = {8, 64, 96, 168, 192, 1024})
    void objectsOfOneCacheNeverOverlap(int n) {
        Slab slab = new Slab(new AddressSpace(), 1L << 30);
        TreeSet<Long> seen = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            long a = slab.kmalloc(n);
            Long below = seen.floor(a);
            Long above = seen.ceiling(a);
            assertTrue(below == null || below + n <= a, "object " + Long.toHexString(a) + " overlaps " + below);
            assertTrue(above == null || a + n <= above, "object " + Long.toHexString(a) + " overlaps " + above);
            seen.add(a);
        }
    }

    /**
     * The freelist hands objects out in SLUB's order: a new slab's objects upwards, a freed object
     * first (last freed, first reused); checked against a list of every free object, mixed allocations
     * and frees of several caches, and the double-free check on the list's head.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 96, 192, 2048, 8192})
    void freedObjectsComeBackInSlubOrder(int n) {
        Slab slab = new Slab(new AddressSpace(), 1L << 30);
        ArrayDeque<Long> model = new ArrayDeque<>();
        java.util.List<Long> live = new java.util.ArrayList<>();
        Random random = new Random(n);
        long size = Slab.cacheSize(n);
        for (int step = 0; step < 3000; step++) {
            if (live.isEmpty() || random.nextInt(3) > 0) {
                long a = slab.kmalloc(n);
                if (model.isEmpty()) {
                    // a new slab: its first object now, the others upwards (as the list of all of them held)
                    long slabBytes = Math.max(Layout.PAGE_SIZE, size);
                    for (long o = a + (slabBytes / size - 1) * size; o > a; o -= size) {
                        model.push(o);
                    }
                } else {
                    assertEquals(Long.toHexString(model.pop()), Long.toHexString(a), "allocation " + step);
                }
                live.add(a);
            } else {
                long a = live.remove(random.nextInt(live.size()));
                assertTrue(slab.kfree(a));
                model.push(a);
                assertTrue(slab.freedOntoItself(a), "the object just freed heads its freelist");
            }
            if (!model.isEmpty() && !live.isEmpty()) {
                assertEquals(false, slab.freedOntoItself(live.get(live.size() - 1)), "a live object is on no freelist");
            }
        }
    }
}
