package dev.kplay.cc.gcc;

import dev.kplay.cc.kbuild.PartialLink;
import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Symbol;
import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * ld for a user program: crt1.o (libc's start.o) and the program's objects, then members of
 * libc.a pulled in the way an archive is searched: a member is linked when it defines a symbol
 * that is still undefined, until nothing changes. What stays undefined is ld's
 * "undefined reference" error (only the syscall gate, bound by the kernel's loader, may stay);
 * a global defined twice by linked objects is "multiple definition". The linked image keeps
 * ModuleImage's shape: the executable's loader (fs/binfmt) lays its sections out in user memory.
 */

/** Static linking of user programs against kplay's libc. */
final class Ld {
    /** The one name the program loader binds: the `syscall` instruction (see libc/src/syscall.c). */
    static final String SYSCALL_GATE = "__kplay_syscall";

    /** The linked image, or null with ld's error lines. */
    record Linked(ModuleImage image, String errors) {}

    private Ld() {}

    static Linked link(String name, List<ModuleImage> programObjects, List<String> sourceNames) {
        Map<String, ModuleImage> archive = Libc.objects();
        List<ModuleImage> linked = new ArrayList<>();
        List<String> objectNames = new ArrayList<>();
        linked.add(archive.get("start.o"));
        objectNames.add("/usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu/Scrt1.o");
        for (int i = 0; i < programObjects.size(); i++) {
            linked.add(programObjects.get(i));
            objectNames.add(tempObject(sourceNames.get(i)));
        }
        Set<String> pulled = new LinkedHashSet<>(List.of("start.o"));
        StringBuilder errors = new StringBuilder();
        Map<String, Integer> definedBy = new HashMap<>();
        for (int k = 0; k < linked.size(); k++) {
            for (Symbol s : linked.get(k).symbols()) {
                if (s.defined() && s.global()) {
                    Integer prev = definedBy.putIfAbsent(s.name(), k);
                    if (prev != null && prev != k) {
                        errors.append("/usr/bin/ld: ").append(objectNames.get(k)).append(": in function `")
                                .append(s.name()).append("':\n").append(sourceNames.get(Math.max(0, k - 1)))
                                .append(":(.text+0x0): multiple definition of `").append(s.name()).append("'; ")
                                .append(objectNames.get(prev)).append(":").append(prev == 0 ? "(.text+0x0)" : sourceNames.get(prev - 1) + ":(.text+0x0)")
                                .append(": first defined here\n");
                    }
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> undefined = undefined(linked, definedBy);
            for (Map.Entry<String, ModuleImage> m : archive.entrySet()) {
                if (pulled.contains(m.getKey())) {
                    continue;
                }
                boolean needed = false;
                for (Symbol s : m.getValue().symbols()) {
                    if (s.defined() && s.global() && undefined.contains(s.name())) {
                        needed = true;
                        break;
                    }
                }
                if (needed) {
                    pulled.add(m.getKey());
                    int k = linked.size();
                    linked.add(m.getValue());
                    objectNames.add("/usr/lib/x86_64-linux-gnu/libc.a(" + m.getKey() + ")");
                    for (Symbol s : m.getValue().symbols()) {
                        if (s.defined() && s.global()) {
                            definedBy.putIfAbsent(s.name(), k);
                        }
                    }
                    changed = true;
                }
            }
        }
        for (int k = 0; k < linked.size(); k++) {
            ModuleImage o = linked.get(k);
            for (Function f : o.functions()) {
                List<Insn> code = f.code();
                Set<String> reported = new LinkedHashSet<>();
                for (int i = 0; i < code.size(); i++) {
                    Insn in = code.get(i);
                    if (in.op() != Op.CALL && in.op() != Op.SYM) {
                        continue;
                    }
                    Symbol s = o.symbols().get((int) in.a());
                    if (s.defined() || definedBy.containsKey(s.name()) || s.name().equals(SYSCALL_GATE)
                            || !reported.add(s.name())) {
                        continue;
                    }
                    int off = f.offset() + (f.pcOffsets() != null && i < f.pcOffsets().length ? f.pcOffsets()[i] : 0);
                    errors.append("/usr/bin/ld: ").append(objectNames.get(k)).append(": in function `")
                            .append(f.name()).append("':\n");
                    String where = k == 0 ? "" : (k <= programObjects.size() ? sourceNames.get(k - 1) : "") + ":";
                    errors.append(where).append("(").append(f.section()).append("+0x")
                            .append(Integer.toHexString(k == 0 ? 0x17 : off)).append("): undefined reference to `")
                            .append(s.name()).append("'\n");
                }
            }
        }
        if (errors.length() > 0) {
            return new Linked(null, errors.toString());
        }
        return new Linked(PartialLink.link(name, linked), "");
    }

    /** Undefined names referenced by the linked objects that no linked object defines. */
    private static Set<String> undefined(List<ModuleImage> linked, Map<String, Integer> definedBy) {
        Set<String> u = new LinkedHashSet<>();
        for (ModuleImage o : linked) {
            for (Symbol s : o.symbols()) {
                if (!s.defined() && !definedBy.containsKey(s.name())) {
                    u.add(s.name());
                }
            }
        }
        return u;
    }

    /** The temporary object gcc hands ld for a source: /tmp/ccXXXXXX.o, named deterministically. */
    static String tempObject(String source) {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("/tmp/cc");
        int h = source.hashCode();
        for (int i = 0; i < 6; i++) {
            sb.append(letters.charAt(Math.floorMod(h, letters.length())));
            h = h * 31 + 7;
        }
        return sb.append(".o").toString();
    }
}
