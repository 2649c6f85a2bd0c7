package dev.kplay.kernel.exports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/*
 * Module.symvers, the list of symbols the kernel exports (kplay/Module.symvers on the classpath,
 * maintained with the headers): "0xCRC<TAB>name<TAB>vmlinux<TAB>EXPORT_SYMBOL[_GPL]<TAB>" per line.
 * It lists exactly what kplay models: the kernel's export table defines every name in it. What Linux
 * 6.1 exports and kplay does not simulate yet is in kplay/unmodelled.symvers instead, and modpost
 * refuses it at build; nothing returns a made-up value (ExportsTest holds the two files to this).
 */

/** Reads the export list. */
public final class Symvers {
    public static final String RESOURCE = "/kplay/Module.symvers";

    private static final java.util.Set<String> GPL_ONLY = readGplOnly();
    /** The file is on the classpath and never changes: read once, not at every boot. */
    private static final List<String> NAMES = List.copyOf(readNames());
    private static final java.util.Set<String> NAME_SET = java.util.Set.copyOf(NAMES);

    private Symvers() {}

    /** True if vmlinux exports name with EXPORT_SYMBOL_GPL. */
    public static boolean gplOnly(String name) {
        return GPL_ONLY.contains(name);
    }

    private static java.util.Set<String> readGplOnly() {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (InputStream in = Symvers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cols = line.split("\t");
                if (cols.length >= 4 && cols[3].trim().equals("EXPORT_SYMBOL_GPL")) {
                    out.add(cols[1].trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return java.util.Set.copyOf(out);
    }

    /** The exported names, in file order (unmodifiable); empty if the resource is missing. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether vmlinux exports name. */
    public static boolean exported(String name) {
        return NAME_SET.contains(name);
    }

    private static List<String> readNames() {
        List<String> out = new ArrayList<>();
        try (InputStream in = Symvers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cols = line.split("\t");
                if (cols.length >= 2 && !cols[1].isBlank()) {
                    out.add(cols[1].trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return out;
    }
}
