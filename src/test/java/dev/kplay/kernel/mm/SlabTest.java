package dev.kplay.kernel.mm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.TreeSet;

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
}
