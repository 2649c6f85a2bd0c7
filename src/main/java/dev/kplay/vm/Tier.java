package dev.kplay.vm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * When the CPU hands a function to the compiling tier, and the cache of translations.
 *
 * A function is compiled once it is hot: entered or looped HOT times by the interpreter. The
 * translation depends only on the function's code (not on where it is loaded: compiled code reads
 * symbol addresses from its Code at run time), so every session that loads the same module shares
 * one JVM class per function, and HotSpot's work on it; the cache is bounded (least recently used
 * out), as a code cache is.
 *
 * The mode exists for the differential test and for comparing tiers: INTERPRET never compiles,
 * COMPILE compiles every function on its first entry, AUTO (the default) compiles hot ones. It is
 * read from the system property kplay.tier (interpret|compile|auto).
 */

/** The compiling tier's policy and code cache. */
public final class Tier {
    /** Which functions get compiled. */
    public enum Mode { INTERPRET, COMPILE, AUTO }

    /** Interpreter entries plus back-edges after which a function is compiled in AUTO mode. */
    static final int HOT = 64;
    /** Compiled frames nested on the Java stack before a call goes through the interpreter instead. */
    static final int MAX_JAVA_DEPTH = 48;
    private static final int CACHE_SIZE = 4096;

    private static volatile Mode mode = parse(System.getProperty("kplay.tier", "auto"));
    private static volatile int threshold = thresholdOf(mode);

    private static final Map<Key, Compiled> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Compiled> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** Stands for "cannot be compiled" in the cache. */
    private static final Compiled NONE = new Compiled() {
        @Override
        int run(Cpu cpu, KernelStack ks, Code code, int entry, long a0, long a1, long a2, long a3, long ret,
                long callerFp, int d, int base) {
            return entry == CALL ? NOT_DIRECT : INTERPRET;
        }
    };

    private static final java.util.concurrent.atomic.AtomicInteger translations = new java.util.concurrent.atomic.AtomicInteger();

    private Tier() {}

    /** How many functions have been translated since the JVM started. */
    public static int translations() { return translations.get(); }

    /** Translations in the cache now. */
    public static int cached() {
        synchronized (cache) {
            return (int) cache.values().stream().filter(k -> k != NONE).count();
        }
    }

    /** Empties the code cache (tests: each run then translates afresh). */
    public static void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    public static Mode mode() { return mode; }

    /** Sets the mode for functions that are not compiled yet (tests and benchmarks). */
    public static void setMode(Mode m) {
        mode = m;
        threshold = thresholdOf(m);
    }

    private static Mode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "interpret", "off" -> Mode.INTERPRET;
            case "compile", "on" -> Mode.COMPILE;
            default -> Mode.AUTO;
        };
    }

    private static int thresholdOf(Mode m) {
        return switch (m) {
            case INTERPRET -> Integer.MAX_VALUE;
            case COMPILE -> 0;
            case AUTO -> HOT;
        };
    }

    /** Counts one entry or back-edge of c; returns its compiled code once it has some. */
    static Compiled heat(Code c) {
        Compiled k = c.compiled;
        if (k != null) {
            return k;
        }
        if (c.heat++ != threshold || threshold == Integer.MAX_VALUE) {
            return null;
        }
        k = compiled(c);
        c.compiled = k;
        return k;
    }

    /** The compiled code for c's body, translated or from the cache; null if it cannot be compiled. */
    static Compiled compiled(Code c) {
        Key key = new Key(c.ops, c.as, c.bs, c.frameSize, c.symbols.length, c.paramOffsets, c.paramSizes, c.pcOffsets);
        Compiled k;
        synchronized (cache) {
            k = cache.get(key);
        }
        if (k == null) {
            k = Translator.translate(c);
            if (k == null) {
                k = NONE;
            } else {
                translations.incrementAndGet();
            }
            synchronized (cache) {
                cache.put(key, k);
            }
        }
        return k == NONE ? null : k;
    }

    /**
     * A function body, its frame layout (a direct call stores the parameters) and its instructions'
     * offsets (a call's return address): what its translation depends on.
     */
    private record Key(int[] ops, long[] as, int[] bs, int frameSize, int symbols, int[] paramOffsets, int[] paramSizes,
                       int[] pcOffsets) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && frameSize == k.frameSize && symbols == k.symbols && Arrays.equals(ops, k.ops)
                    && Arrays.equals(as, k.as) && Arrays.equals(bs, k.bs) && Arrays.equals(paramOffsets, k.paramOffsets)
                    && Arrays.equals(paramSizes, k.paramSizes) && Arrays.equals(pcOffsets, k.pcOffsets);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(ops) * 31 + Arrays.hashCode(as)) * 31 + Arrays.hashCode(bs)) * 31 + frameSize;
        }
    }
}
