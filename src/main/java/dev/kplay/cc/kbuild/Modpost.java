package dev.kplay.cc.kbuild;

import dev.kplay.ko.Function;
import dev.kplay.vm.Insn;
import dev.kplay.ko.ModuleImage;
import dev.kplay.vm.Op;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * modpost (scripts/mod/modpost.c of Linux 6.1) over the object images of one build: a pure
 * function of the objects and the kernel's export list.
 *
 * <p>It reads each object in order, as modpost's read_symbols() does: a missing MODULE_LICENSE()
 * is an error, and every reference from one section to another is checked against the
 * section-mismatch table ({@link #CHECKS}, modpost's sectioncheck[]), giving
 * {@code WARNING: modpost: m.o: section mismatch in reference: FROM (section: S) -> TO (section: T)}.
 * Then, per module, check_exports(): each undefined symbol must be exported by vmlinux or by another
 * module of the build ({@code ERROR: modpost: "x" [m.ko] undefined!}), and a module whose license is
 * not GPL-compatible may not use EXPORT_SYMBOL_GPL symbols.
 *
 * <p>Naming follows modpost: the referring symbol is the nearest symbol at or before the reference,
 * and among symbols at the same address the one that comes last in the ELF symbol table, where
 * locals come first: so a reference inside hello_3_exit is reported from its global alias
 * cleanup_module.
 */
final class Modpost {
    /** What modpost said about one build. */
    record Report(List<String> lines, boolean failed, Map<String, Set<String>> depends) {}

    private record Check(List<String> from, List<String> badTo, List<String> whiteList) {}

    private static final List<String> WHITE_LIST = List.of("*driver", "*_template", "*_timer", "*_sht", "*_ops",
        "*_probe", "*_probe_one", "*_console");
    private static final List<String> TEXT = List.of(".text", ".text.unlikely", ".sched.text", ".kprobes.text",
        ".cpuidle.text", ".noinstr.text");
    private static final List<String> DATA = List.of(".data", ".data.rel");
    private static final List<String> INIT = List.of(".init.*");
    private static final List<String> EXIT = List.of(".exit.*");
    private static final List<String> MEMINIT = List.of(".meminit.*");
    private static final List<String> MEMEXIT = List.of(".memexit.*");
    private static final List<String> ALL_INIT = List.of(".init.*", ".meminit.*");
    private static final List<String> ALL_EXIT = List.of(".exit.*", ".memexit.*");
    private static final List<String> INIT_DATA = List.of(".init.setup", ".init.rodata", ".meminit.rodata",
        ".init.data", ".meminit.data");

    /** modpost's sectioncheck[], in order; the first matching rule decides. */
    private static final List<Check> CHECKS = List.of(
        new Check(TEXT, ALL_INIT, WHITE_LIST),
        new Check(DATA, MEMINIT, WHITE_LIST),
        new Check(DATA, INIT, WHITE_LIST.subList(1, WHITE_LIST.size())),
        new Check(TEXT, ALL_EXIT, WHITE_LIST),
        new Check(DATA, ALL_EXIT, WHITE_LIST),
        new Check(MEMINIT, INIT, WHITE_LIST),
        new Check(MEMEXIT, EXIT, WHITE_LIST),
        new Check(ALL_INIT, ALL_EXIT, WHITE_LIST),
        new Check(ALL_EXIT, ALL_INIT, WHITE_LIST),
        new Check(List.of("__ksymtab*"), List.of(".init.*", ".exit.*"), WHITE_LIST));

    /** Licenses modpost and the kernel treat as GPL-compatible (license_is_gpl_compatible()). */
    static boolean gplCompatible(String license) {
        return switch (license) {
            case "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" -> true;
            default -> false;
        };
    }

    private Modpost() {}

    /** Runs modpost over the objects, by module base name ("hello-3") in build order. */
    static Report run(Map<String, ModuleImage> objects) {
        List<String> out = new ArrayList<>();
        boolean failed = false;
        Map<String, String> exportedBy = new LinkedHashMap<>();   // symbol -> module base name
        Map<String, Boolean> exportGpl = new LinkedHashMap<>();
        for (Map.Entry<String, ModuleImage> e : objects.entrySet()) {
            ModuleImage o = e.getValue();
            String base = e.getKey();
            if (Linker.modinfo(o).stream().noneMatch(t -> t.getKey().equals("license"))) {
                out.add("ERROR: modpost: missing MODULE_LICENSE() in " + base + ".o");
                failed = true;
            }
            checkSectionRefs(base + ".o", o, out);
            for (Symbol s : o.symbols()) {
                if (s.defined() && s.name().startsWith("__ksymtab_") && s.section().startsWith("__ksymtab")) {
                    String sym = s.name().substring("__ksymtab_".length());
                    exportedBy.putIfAbsent(sym, base);
                    exportGpl.putIfAbsent(sym, s.section().equals("__ksymtab_gpl"));
                }
            }
        }
        Map<String, Set<String>> depends = new LinkedHashMap<>();
        Map<String, String> unsimulated = new LinkedHashMap<>();   // symbol -> declaring header
        for (Map.Entry<String, ModuleImage> e : objects.entrySet()) {
            String base = e.getKey();
            ModuleImage o = e.getValue();
            String license = Linker.modinfo(o).stream().filter(t -> t.getKey().equals("license"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
            boolean gpl = license != null && gplCompatible(license);
            Set<String> deps = new LinkedHashSet<>();
            for (Symbol s : o.symbols()) {
                if (s.defined() || s.name().equals("__this_module") || s.name().isEmpty()) continue;
                SymbolTable.Export k = SymbolTable.vmlinux().get(s.name());
                boolean gplOnly;
                if (k != null) {
                    gplOnly = k.gplOnly();
                } else if (exportedBy.containsKey(s.name()) && !exportedBy.get(s.name()).equals(base)) {
                    gplOnly = exportGpl.get(s.name());
                    deps.add(exportedBy.get(s.name()).replace('-', '_'));
                } else {
                    out.add("ERROR: modpost: \"" + s.name() + "\" [" + base + ".ko] undefined!");
                    String header = SymbolTable.unmodelled().get(s.name());
                    if (header != null) unsimulated.put(s.name(), header);
                    failed = true;
                    continue;
                }
                if (gplOnly && license != null && !gpl) {
                    out.add("ERROR: modpost: GPL-incompatible module " + base + ".ko uses GPL-only symbol '"
                        + s.name() + "'");
                    failed = true;
                }
            }
            depends.put(base, deps);
        }
        if (!unsimulated.isEmpty()) out.add(unsimulatedNote(unsimulated));
        return new Report(out, failed, depends);
    }

    /**
     * kplay's one note after modpost's errors when some undefined symbols are real Linux 6.1 exports
     * that kplay does not simulate: the module is right, kplay is behind.
     */
    static String unsimulatedNote(Map<String, String> symbols) {
        return "kplay: note: Linux 6.1 exports " + quotedList(symbols.keySet()) + " ("
            + String.join(", ", new LinkedHashSet<>(symbols.values()))
            + "), but kplay does not simulate " + (symbols.size() == 1 ? "it" : "them") + " yet";
    }

    /** "a", "a" and "b", "a", "b" and "c": the names quoted, as kplay's notes list them. */
    private static String quotedList(java.util.Collection<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) q.add("\"" + n + "\"");
        return q.size() == 1 ? q.get(0) : String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
    }

    private static final java.util.regex.Pattern IMPLICIT =
        java.util.regex.Pattern.compile("^implicit declaration of function ‘([A-Za-z_][A-Za-z0-9_]*)’");

    /**
     * kplay's notes after a file's diagnostics when it used, undeclared, a name Linux 6.1's vmlinux
     * exports, or a macro or static inline its headers define: kplay's headers do not have it yet (gcc's
     * error stands, as the real build would give it had the module forgotten an #include; the note says
     * it did not). Empty when there is none.
     */
    static String undeclaredNote(List<dev.kplay.cc.diag.Diagnostic> diagnostics, List<String> includes) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> defined = new LinkedHashSet<>();
        for (dev.kplay.cc.diag.Diagnostic d : diagnostics) {
            java.util.regex.Matcher m = IMPLICIT.matcher(d.message());
            java.util.regex.Matcher u = UNDECLARED.matcher(d.message());
            String name = m.find() ? m.group(1) : u.find() ? u.group(1) : null;
            // a C library name (abort, which vmlinux also exports) is gcc's to explain: it names the header
            if (name == null || dev.kplay.cc.sema.LibcHints.knows(name)) continue;
            if (SymbolTable.linuxExport(name)) {
                names.add(name);
            } else if (SymbolTable.linuxHeadersDefine(name, includes)) {
                defined.add(name);
            }
        }
        String out = "";
        if (!names.isEmpty()) {
            out += "kplay: note: Linux 6.1 exports " + quotedList(names) + ", but kplay's headers do not declare "
                + (names.size() == 1 ? "it" : "them") + " yet: if your #includes are right, kplay is behind, not your module\n";
        }
        if (!defined.isEmpty()) {
            out += "kplay: note: in Linux 6.1 the headers this file includes define " + quotedList(defined)
                + ", but kplay's do not yet: kplay is behind, not your module\n";
        }
        return out;
    }

    private static final java.util.regex.Pattern UNDECLARED =
        java.util.regex.Pattern.compile("^‘([A-Za-z_][A-Za-z0-9_]*)’ undeclared");

    /** Models check_sec_ref(): every code and data reference, in section order. */
    private static void checkSectionRefs(String objName, ModuleImage o, List<String> out) {
        List<Symbol> syms = o.symbols();
        Set<String> reported = new LinkedHashSet<>();
        for (Function f : o.functions()) {
            for (Insn i : f.code()) {
                if (i.op() != Op.SYM && i.op() != Op.CALL) continue;
                Symbol to = syms.get((int) i.a());
                check(objName, f.section(), f.offset(), to, o, reported, out);
            }
        }
        for (Relocation r : o.relocations()) {
            check(objName, r.section(), r.offset(), syms.get(r.symbol()), o, reported, out);
        }
    }

    private static void check(String objName, String fromSec, long offset, Symbol to, ModuleImage o,
                              Set<String> reported, List<String> out) {
        if (!to.defined()) return;
        String toSec = to.section();
        Check c = mismatch(fromSec, toSec);
        if (c == null) return;
        String fromSym = nearestSymbol(o, fromSec, offset);
        String toSym = to.name();
        if (!whiteListed(c, fromSec, fromSym, toSec, toSym)) return;
        String line = "WARNING: modpost: " + objName + ": section mismatch in reference: " + fromSym
            + " (section: " + fromSec + ") -> " + toSym + " (section: " + toSec + ")";
        if (reported.add(line)) out.add(line);
    }

    private static Check mismatch(String fromSec, String toSec) {
        for (Check c : CHECKS) {
            if (match(fromSec, c.from()) && match(toSec, c.badTo())) return c;
        }
        return null;
    }

    /** Models secref_whitelist(): true if the reference is to be reported. */
    private static boolean whiteListed(Check c, String fromSec, String fromSym, String toSec, String toSym) {
        if (match(toSec, INIT_DATA) && match(fromSec, DATA) && fromSym.startsWith("__param")) return false;
        if (toSec.equals(".init.text") && match(fromSec, DATA) && fromSym.startsWith("__param_ops_")) return false;
        List<String> initExit = List.of(".init.*", ".meminit.*", ".exit.*", ".memexit.*");
        if (match(toSec, initExit) && match(fromSec, DATA) && match(fromSym, c.whiteList())) return false;
        if (match(toSym, List.of("__init_begin", "_sinittext", "_einittext"))) return false;
        return !fromSym.startsWith(".L");
    }

    /**
     * Models find_elf_symbol2(): the symbol nearest at or before {@code offset} in {@code section};
     * at equal distance the later one in symbol-table order (locals, then globals) wins.
     */
    static String nearestSymbol(ModuleImage o, String section, long offset) {
        List<Symbol> order = new ArrayList<>();
        for (Symbol s : o.symbols()) if (!s.global()) order.add(s);
        for (Symbol s : o.symbols()) if (s.global()) order.add(s);
        Symbol near = null;
        long distance = Long.MAX_VALUE;
        for (Symbol s : order) {
            if (!s.defined() || !s.section().equals(section) || s.name().isEmpty()) continue;
            if (s.offset() <= offset && offset - s.offset() <= distance) {
                distance = offset - s.offset();
                near = s;
            }
        }
        return near != null ? near.name() : "(unknown)";
    }

    /** modpost's match(): each pattern is a name, or a prefix ending in '*', or '*' + a suffix. */
    static boolean match(String s, List<String> patterns) {
        for (String p : patterns) {
            if (p.endsWith("*") && s.startsWith(p.substring(0, p.length() - 1))) return true;
            if (p.startsWith("*") && s.endsWith(p.substring(1))) return true;
            if (p.equals(s)) return true;
        }
        return false;
    }
}
