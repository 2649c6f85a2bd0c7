package dev.kplay.kernel.mm;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongMapTest {
    /** Random puts, removes and lookups over a small key range (long probe runs, wrap-around) agree with a HashMap. */
    @Test
    void behavesAsAHashMap() {
        for (long seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            LongMap<String> m = new LongMap<>();
            Map<Long, String> ref = new HashMap<>();
            int range = 10 + r.nextInt(300);
            for (int step = 0; step < 20_000; step++) {
                // keys that collide on purpose: page numbers, kernel addresses, negative values
                long key = (r.nextInt(range) * 0x1000L) ^ (r.nextBoolean() ? 0xffff888000000000L : 0);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        String v = "v" + step;
                        m.put(key, v);
                        ref.put(key, v);
                    }
                    case 1 -> {
                        m.putIfAbsent(key, "p" + step);
                        ref.putIfAbsent(key, "p" + step);
                    }
                    case 2 -> assertEquals(ref.remove(key), m.remove(key));
                    default -> assertEquals(ref.get(key), m.get(key));
                }
                assertEquals(ref.size(), m.size());
            }
            Map<Long, String> seen = new HashMap<>();
            for (int i = 0; i < m.capacity(); i++) {
                if (m.valueAt(i) != null) {
                    seen.put(m.keyAt(i), m.valueAt(i));
                }
            }
            assertEquals(ref, seen);
            for (Map.Entry<Long, String> e : ref.entrySet()) {
                assertTrue(m.containsKey(e.getKey()));
            }
            m.clear();
            assertEquals(0, m.size());
            assertEquals(null, m.get(ref.keySet().stream().findFirst().orElse(0L)));
        }
    }
}
