package dev.kplay.kernel.module;

import dev.kplay.ko.ModuleImage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * struct module: one loaded (or loading, or dying) module. The loader fills it in; the rest of
 * the kernel reads it (procfs, sysfs, oops "Modules linked in:"). Memory is two regions of
 * module space, core and init, each a whole number of pages; init is freed (unmapped) once init
 * succeeded, so initSize drops to 0.
 *
 * refcnt is the value module_refcount() reports: 1 while loading (the reference held during
 * init), 0 when live and unused, -1 once delete_module took the base reference away.
 */

/** A module. */
public final class Module {
    private final String name;
    private final ModuleImage image;
    ModuleState state = ModuleState.UNFORMED;
    int refcnt;
    /** Taint flags this module caused (TAINT_* bits). */
    long taints;
    long coreBase;
    long coreSize;
    long initBase;
    long initSize;
    /** The offset of its per-CPU data in the per-CPU area (0 for none). */
    long percpu;
    /** Address of each image section that was laid out. */
    final Map<String, Long> sectionAddrs = new HashMap<>();
    /** Resolved address of each image symbol (0 if none). */
    long[] symbolAddrs;
    final List<KernelParam> params = new ArrayList<>();
    long initFn;
    long exitFn;
    long thisModule;
    String args = "";
    /** source_list: the modules using this one's exports, newest first (lsmod's "Used by"). */
    final List<Module> users = new ArrayList<>();
    /** target_list: the modules whose exports this one uses. */
    final List<Module> uses = new ArrayList<>();

    Module(String name, ModuleImage image) {
        this.name = name;
        this.image = image;
    }

    public String name() { return name; }

    public ModuleImage image() { return image; }

    public ModuleState state() { return state; }

    /** module_refcount(). */
    public int refcnt() { return refcnt; }

    public long taints() { return taints; }

    public long coreBase() { return coreBase; }

    public long coreSize() { return coreSize; }

    public long initSize() { return initSize; }

    public List<KernelParam> params() { return params; }

    /** The modules that use this one's exports, newest first (source_list). */
    public List<Module> users() { return users; }

    /** The address of this module's struct module (THIS_MODULE). */
    public long thisModule() { return thisModule; }

    /** The address of an image symbol by name, or 0. */
    public long symbol(String symbolName) {
        for (int i = 0; i < image.symbols().size(); i++) {
            if (image.symbols().get(i).name().equals(symbolName) && image.symbols().get(i).defined()) {
                return symbolAddrs[i];
            }
        }
        return 0;
    }

    /** An exported symbol of this module (its __ksymtab entry). */
    public record KernelSymbol(long value, boolean gplOnly) {}

    /**
     * Models find_exported_symbol_in_section() over this module's __ksymtab and __ksymtab_gpl:
     * the exported symbol's value as the relocated kernel_symbol holds it, or null.
     */
    KernelSymbol exported(String symbolName, dev.kplay.kernel.mm.AddressSpace memory) {
        String entry = "__ksymtab_" + symbolName;
        for (int i = 0; i < image.symbols().size(); i++) {
            var s = image.symbols().get(i);
            if (s.defined() && s.name().equals(entry) && s.section().startsWith("__ksymtab")
                    && !s.section().equals("__ksymtab_strings") && symbolAddrs != null && symbolAddrs[i] != 0) {
                return new KernelSymbol(memory.load(symbolAddrs[i], 8), s.section().equals("__ksymtab_gpl"));
            }
        }
        return null;
    }

    /** Models try_module_get(): false once the module is going. */
    public boolean tryModuleGet() {
        if (state == ModuleState.GOING || state == ModuleState.UNFORMED) {
            return false;
        }
        refcnt++;
        return true;
    }

    /** Models module_put(). */
    public void modulePut() {
        refcnt--;
    }

    /** Models module_flags(): "(OE)", "(OE+)", "(OE-)", or "" (show_state as for oops and /proc/modules). */
    public String flags() {
        if (taints == 0 && state != ModuleState.GOING && state != ModuleState.COMING) {
            return "";
        }
        StringBuilder sb = new StringBuilder("(");
        sb.append(dev.kplay.kernel.panic.Taint.moduleLetters(taints));
        if (state == ModuleState.GOING) {
            sb.append('-');
        }
        if (state == ModuleState.COMING) {
            sb.append('+');
        }
        return sb.append(')').toString();
    }
}
