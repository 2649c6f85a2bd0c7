package dev.kplay.cc.kbuild;

import dev.kplay.ko.ModuleImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * A build is a pure function of its inputs (the directory's files; the built-in headers and the
 * kernel's flags are fixed for a running server), so a build whose inputs hash the same as an
 * earlier one's reuses that result, like ccache. Replays, gallery scenarios and lessons rebuild the
 * same files over and over, across sessions: they all share this cache. It is bounded by entries
 * and by the bytes of source it keys, least recently used out, and results are stored read-only
 * because every session that hits them shares them.
 */

/** Results of earlier builds by the hash of their inputs. */
final class BuildCache {
    private static final int MAX_ENTRIES = 512;
    private static final long MAX_SOURCE_BYTES = 32L << 20;

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long sourceBytes;

    private record Entry(BuildResult result, long sourceBytes) {}

    /** The inputs' hash: SHA-256 over each file's name and text, in name order. */
    static String key(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** The cached result for key, or null. */
    synchronized BuildResult get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.result();
    }

    /** Keeps a read-only copy of r under key; returns that copy. */
    synchronized BuildResult put(String key, Map<String, String> files, BuildResult r) {
        BuildResult frozen = new BuildResult(r.ok(), r.output(), List.copyOf(r.diagnostics()),
                Collections.unmodifiableMap(new LinkedHashMap<String, ModuleImage>(r.artifacts())));
        long bytes = files.values().stream().mapToLong(String::length).sum();
        if (bytes > MAX_SOURCE_BYTES / 4) {
            return frozen;
        }
        Entry old = entries.put(key, new Entry(frozen, bytes));
        sourceBytes += bytes - (old == null ? 0 : old.sourceBytes());
        var it = entries.values().iterator();
        while ((entries.size() > MAX_ENTRIES || sourceBytes > MAX_SOURCE_BYTES) && it.hasNext()) {
            sourceBytes -= it.next().sourceBytes();
            it.remove();
        }
        return frozen;
    }
}
