package dev.kplay.kernel.mm;

/*
 * A map from long keys with no boxing of them: an open-addressing table (linear probing, deletion by
 * shifting the run back). The page tables (page frame number -> frame) and the slab's live objects
 * (address -> size) are such maps in every session: an idle kernel has some fifty pages and two
 * dozen objects, and a HashMap<Long, ...> spends a boxed Long and a node on each (5 KiB of an idle
 * session's heap, for 1.2 here).
 */

/** long -> V (non-null values). A slot is free iff its value is null. */
final class LongMap<V> {
    private static final int MIN_CAPACITY = 16;

    private long[] keys = new long[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    private int size;

    int size() { return size; }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = values.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object f = values[i];
            if (f == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) f;
            }
        }
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Maps key to value (non-null), replacing any value it had. */
    void put(long key, V value) {
        int i = find(key);
        if (values[i] == null) {
            add(i, key, value);
        } else {
            values[i] = value;
        }
    }

    /** Maps key to value unless it has one already. */
    void putIfAbsent(long key, V value) {
        int i = find(key);
        if (values[i] == null) {
            add(i, key, value);
        }
    }

    /** Removes key; returns its value, or null if it had none. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = find(key);
        V old = (V) values[i];
        if (old == null) {
            return null;
        }
        int mask = values.length - 1;
        // shift back the entries after i whose home slot is not between the hole and themselves
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        values[i] = null;
        size--;
        return old;
    }

    void clear() {
        java.util.Arrays.fill(values, null);
        size = 0;
    }

    /** Slots, for a walk over every entry: a slot is used iff valueAt is non-null. */
    int capacity() { return values.length; }

    long keyAt(int slot) { return keys[slot]; }

    @SuppressWarnings("unchecked")
    V valueAt(int slot) { return (V) values[slot]; }

    /** Replaces the value of a used slot (a walk's current entry; the table does not change shape). */
    void setValueAt(int slot, V value) {
        values[slot] = value;
    }

    private int find(long key) {
        int mask = values.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void add(int i, long key, V value) {
        keys[i] = key;
        values[i] = value;
        if (++size * 5 > values.length * 4) {    // at most 4/5 full
            rehash(values.length * 2);
        }
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        values = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
