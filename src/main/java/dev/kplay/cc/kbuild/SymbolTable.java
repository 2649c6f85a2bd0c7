package dev.kplay.cc.kbuild;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's export list, {@code Module.symvers} of linux-headers-6.1.0-56-amd64 as kplay's kernel
 * provides it (resources/kplay/Module.symvers): one line per exported symbol,
 * {@code 0x<crc>\t<name>\tvmlinux\tEXPORT_SYMBOL[_GPL]\t<namespace>}. modpost resolves a module's
 * undefined symbols against it, and the CRCs go into the module's __versions table.
 */
public final class SymbolTable {
    /** One exported symbol. */
    public record Export(String name, long crc, String module, boolean gplOnly) {}

    private static final Map<String, Export> VMLINUX = load();
    private static final Map<String, String> UNMODELLED = loadUnmodelled();

    private SymbolTable() {}

    /** The kernel's exports by name, in file order. */
    public static Map<String, Export> vmlinux() {
        return VMLINUX;
    }

    /**
     * Symbols Linux 6.1 exports that kplay's kernel does not simulate yet (resources/kplay/unmodelled.symvers),
     * by name, each with the header that declares it: modpost refuses them as undefined and says so.
     */
    public static Map<String, String> unmodelled() {
        return UNMODELLED;
    }

    /** Whether vmlinux exports {@code name} in Linux 6.1 (resources/kplay/linux-6.1-exports.txt), modelled or not. */
    public static boolean linuxExport(String name) {
        return LinuxExports.NAMES.contains(name);
    }

    /**
     * Whether, in Linux 6.1, a header that {@code includes} (#include names: "linux/slab.h") reach
     * defines {@code name} as a macro or static inline function (resources/kplay/linux-6.1-names.txt,
     * the real headers' #include graph and what each defines).
     */
    public static boolean linuxHeadersDefine(String name, java.util.Collection<String> includes) {
        List<String> where = LinuxNames.DEFINED_IN.get(name);
        if (where == null) return false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(includes);
        while (!todo.isEmpty()) {
            String h = todo.pop();
            if (!seen.add(h)) continue;
            if (where.contains(h)) return true;
            todo.addAll(LinuxNames.INCLUDES.getOrDefault(h, List.of()));
        }
        return false;
    }

    /** The names of Linux 6.1's vmlinux exports, read the first time a build asks. */
    private static final class LinuxExports {
        static final java.util.Set<String> NAMES = nameList("linux-6.1-exports.txt");
    }

    /** Linux 6.1's headers: what each includes, and where each macro and static inline is defined. */
    private static final class LinuxNames {
        static final Map<String, List<String>> INCLUDES = new java.util.HashMap<>();
        static final Map<String, List<String>> DEFINED_IN = new java.util.HashMap<>();

        static {
            for (String line : nameList("linux-6.1-names.txt")) {
                List<String> f = List.of(line.split(" "));
                if (f.get(0).equals("@")) {
                    INCLUDES.put(f.get(1), f.subList(2, f.size()));
                } else {
                    DEFINED_IN.put(f.get(0), f.subList(1, f.size()));
                }
            }
        }
    }

    /** The lines of a resource of kplay/ ('#' starts a comment line). */
    private static java.util.Set<String> nameList(String file) {
        try (InputStream in = SymbolTable.class.getResourceAsStream("/kplay/" + file)) {
            if (in == null) throw new IllegalStateException("resources/kplay/" + file + " is missing");
            return new java.util.LinkedHashSet<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static Map<String, String> loadUnmodelled() {
        try (InputStream in = SymbolTable.class.getResourceAsStream("/kplay/unmodelled.symvers")) {
            if (in == null) throw new IllegalStateException("resources/kplay/unmodelled.symvers is missing");
            Map<String, String> map = new LinkedHashMap<>();
            String group = "";
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# ") && line.indexOf(' ', 2) < 0) {
                    group = line.substring(2);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    map.put(line.split("\t", -1)[1], group);
                }
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read unmodelled.symvers", e);
        }
    }

    /** The CRC modversions records for a symbol (module_layout included, as every module lists it). */
    static long crc(String name) {
        Export e = VMLINUX.get(name);
        if (e != null) return e.crc();
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(("kplay-6.1:" + name).getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    private static Map<String, Export> load() {
        try (InputStream in = SymbolTable.class.getResourceAsStream("/kplay/Module.symvers")) {
            if (in == null) throw new IllegalStateException("resources/kplay/Module.symvers is missing");
            Map<String, Export> map = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                if (f.length < 4) throw new IllegalStateException("bad Module.symvers line: " + line);
                map.put(f[1], new Export(f[1], Long.parseLong(f[0].substring(2), 16), f[2], f[3].endsWith("_GPL")));
            }
            return Collections.unmodifiableMap(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Module.symvers", e);
        }
    }
}
