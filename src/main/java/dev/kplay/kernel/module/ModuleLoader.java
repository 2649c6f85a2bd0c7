package dev.kplay.kernel.module;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.kernel.panic.Taint;
import dev.kplay.kernel.sched.Task;
import dev.kplay.kernel.syscall.Errno;
import dev.kplay.ko.Function;
import dev.kplay.ko.KoFile;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Relocation;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import dev.kplay.vm.Code;

import java.util.List;

/*
 * kernel/module/main.c: load_module() and delete_module() with their helpers, in the same order
 * and with the same messages and errnos as 6.1:
 *
 *   loadModule: decode (ENOEXEC) → layoutAndAllocate (check_modinfo: out-of-tree and licence
 *   taints; layout_sections into core and init memory) → addUnformedModule (EEXIST, or EBUSY for a
 *   module still loading or going) → signature taint → module_unload_init (refcount 1) →
 *   simplifySymbols (ENOENT) → applyRelocations → COMING → parseArgs (EINVAL) → sysfs → doInitModule.
 *
 * Memory layout (what lsmod and /proc/modules report): core = text, read-only data, read-write
 * data (with struct module) and one page of core kallsyms; init = .init.text, .init.rodata and
 * .init.data with the full symbol table; each part a whole number of pages, as layout_sections()
 * page-aligns each group. Init memory is unmapped after a successful init.
 */

/** The module loader. */
public final class ModuleLoader {
    static final List<String> PATH_INIT = List.of("do_one_initcall+0x59/0x220", "do_init_module+0x4a/0x1f0",
            "__do_sys_finit_module+0xac/0x120", "do_syscall_64+0x5d/0xb0", "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    static final List<String> PATH_EXIT = List.of("__do_sys_delete_module+0x1b9/0x330", "do_syscall_64+0x5d/0xb0",
            "entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    /** sizeof(struct module) for Debian's 6.1 config. */
    static final int STRUCT_MODULE_SIZE = 0x500;
    static final int MODULE_NAME_OFFSET = 24;

    private final Kernel kernel;
    private long nextModuleAddr = Layout.MODULES_FIRST + 0x5000;
    private String lastUnloaded;

    public ModuleLoader(Kernel kernel) {
        this.kernel = kernel;
    }

    /** last_unloaded_module, or null. */
    public String lastUnloaded() {
        return lastUnloaded;
    }

    /**
     * Models load_module() for finit_module(2): 0, a negative errno, or DIED/RUNNING if init
     * killed or stuck the task.
     */
    public long loadModule(Task task, byte[] file, String args) {
        ModuleImage image;
        try {
            image = KoFile.decode(file);
        } catch (IllegalArgumentException e) {
            return -Errno.ENOEXEC;
        }
        Module mod = new Module(image.name(), image);
        layoutAndAllocate(mod);
        long err = addUnformedModule(mod);
        if (err != 0) {
            freeMemory(mod);
            return err;
        }
        if (!signed(image)) {
            if (!sigWarned) {
                sigWarned = true;
                kernel.printk().log(5, mod.name() + ": module verification failed: signature and/or required key missing - tainting kernel");
            }
            addTaintModule(mod, Taint.UNSIGNED_MODULE);
        }
        mod.refcnt = 1;
        err = ModulePercpu.alloc(kernel, mod);
        if (err == 0) {
            err = simplifySymbols(mod);
        }
        if (err == 0) {
            applyRelocations(mod);
            bindCode(mod);
            mod.args = args == null ? "" : args.trim();
            mod.state = ModuleState.COMING;
            err = kernel.inSyscall(task, () -> new ModuleParams(kernel, mod).parseArgs());
            if (err == dev.kplay.kernel.syscall.Syscalls.DIED || err == dev.kplay.kernel.syscall.Syscalls.RUNNING) {
                return err;
            }
        }
        if (err != 0) {
            moduleUnloadFree(mod);
            kernel.modules().remove(mod);
            freeMemory(mod);
            return err;
        }
        return doInitModule(task, mod);
    }

    private boolean sigWarned;

    private static boolean signed(ModuleImage image) {
        return "Y".equals(image.modinfo("signed"));
    }

    /** Models check_modinfo() and layout_sections()/move_module(). */
    private void layoutAndAllocate(Module mod) {
        ModuleImage img = mod.image();
        if (img.modinfo("intree") == null) {
            if (!kernel.taint().test(Taint.OOT_MODULE)) {
                kernel.printk().log(4, mod.name() + ": loading out-of-tree module taints kernel.");
            }
            addTaintModule(mod, Taint.OOT_MODULE);
        }
        String license = img.modinfo("license");
        if (!License.gplCompatible(license)) {
            if (!kernel.taint().test(Taint.PROPRIETARY_MODULE)) {
                kernel.printk().log(4, mod.name() + ": module license '" + (license == null ? "unspecified" : license) + "' taints kernel.");
            }
            addTaintModule(mod, Taint.PROPRIETARY_MODULE);
            if (!lockDebugOff) {
                lockDebugOff = true;
                kernel.printk().log(4, "Disabling lock debugging due to kernel taint");
            }
        }
        layoutSections(mod);
    }

    /** debug_locks cleared: add_taint() says "Disabling lock debugging" only when it is the one clearing it. */
    private boolean lockDebugOff;

    /** Models add_taint(flag, LOCKDEP_NOW_UNRELIABLE): the first such taint turns lock debugging off and says so. */
    public void addTaintLockdepUnreliable(int flag) {
        kernel.taint().add(flag);
        if (!lockDebugOff) {
            lockDebugOff = true;
            kernel.printk().log(4, "Disabling lock debugging due to kernel taint");
        }
    }

    /** Models debug_locks_off() as oops_enter() calls it: silently, so no later taint prints the message. */
    public void debugLocksOff() {
        lockDebugOff = true;
    }

    private void addTaintModule(Module mod, int flag) {
        mod.taints |= 1L << flag;
        kernel.taint().add(flag);
    }

    /** Which group a section goes to: 0 text, 1 read-only, 2 read-write; -1 not allocated. */
    private static int group(Section s) {
        String n = s.name();
        if (n.equals(ModulePercpu.SECTION)) {
            return -1;    // percpu_modalloc() places it
        }
        if (n.equals(".modinfo") || n.startsWith(".comment") || n.startsWith(".note") || n.startsWith(".debug")) {
            return -1;
        }
        if (s.isText()) {
            return 0;
        }
        if (n.startsWith(".rodata") || n.startsWith(".init.rodata") || n.equals("__param") || n.startsWith("__ksymtab")
                || n.startsWith(".exit.rodata")) {
            return 1;
        }
        return 2;
    }

    /** Models layout_sections() + move_module(): places every section, maps core and init memory. */
    void layoutSections(Module mod) {
        long[][] sizes = new long[2][3];
        List<Section> sections = mod.image().sections();
        long[] offsets = new long[sections.size()];
        boolean hasThisModule = false;
        boolean dyndbg = false;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            int g = group(s);
            if (g < 0) {
                offsets[i] = -1;
                continue;
            }
            int part = s.isInit() ? 1 : 0;
            long align = Math.max(1, s.align());
            long off = (sizes[part][g] + align - 1) / align * align;
            offsets[i] = off;
            sizes[part][g] = off + s.size();
            hasThisModule |= s.name().equals(".gnu.linkonce.this_module");
            dyndbg |= s.name().startsWith("__dyndbg");
        }
        long thisModuleOffset = -1;
        if (!hasThisModule) {
            thisModuleOffset = (sizes[0][2] + 63) & ~63L;
            sizes[0][2] = thisModuleOffset + STRUCT_MODULE_SIZE;
        }
        long[] corePages = {pages(sizes[0][0]), pages(sizes[0][1]), pages(sizes[0][2]) + (dyndbg ? 1 : 0), 1};
        long[] initPages = {pages(sizes[1][0]), pages(sizes[1][1]), pages(sizes[1][2] + 24L * mod.image().symbols().size())};
        mod.coreBase = nextModuleAddr;
        long[] coreGroupBase = new long[3];
        long a = mod.coreBase;
        for (int g = 0; g < 3; g++) {
            coreGroupBase[g] = a;
            a += corePages[g] * Layout.PAGE_SIZE;
        }
        a += corePages[3] * Layout.PAGE_SIZE;
        mod.coreSize = a - mod.coreBase;
        mod.initBase = a;
        long[] initGroupBase = new long[3];
        for (int g = 0; g < 3; g++) {
            initGroupBase[g] = a;
            a += initPages[g] * Layout.PAGE_SIZE;
        }
        mod.initSize = a - mod.initBase;
        nextModuleAddr = a;
        kernel.memory().map(mod.coreBase, mod.coreSize);
        kernel.memory().map(mod.initBase, mod.initSize);
        for (int i = 0; i < sections.size(); i++) {
            if (offsets[i] < 0) {
                continue;
            }
            Section s = sections.get(i);
            long base = (s.isInit() ? initGroupBase : coreGroupBase)[group(s)] + offsets[i];
            mod.sectionAddrs.put(s.name(), base);
            if (s.bytes() != null) {
                kernel.memory().write(base, s.bytes());
            }
        }
        mod.thisModule = hasThisModule ? mod.sectionAddrs.get(".gnu.linkonce.this_module") : coreGroupBase[2] + thisModuleOffset;
        kernel.memory().writeCString(mod.thisModule + MODULE_NAME_OFFSET, mod.name());
    }

    private static long pages(long bytes) {
        return Math.max(1, Layout.pageAlign(bytes) / Layout.PAGE_SIZE);
    }

    /** Models add_unformed_module(): -EEXIST for a live module of that name, -EBUSY for one loading or going. */
    private long addUnformedModule(Module mod) {
        Module old = kernel.findModule(mod.name());
        if (old != null) {
            return old.state() == ModuleState.LIVE ? -Errno.EEXIST : -Errno.EBUSY;
        }
        mod.state = ModuleState.UNFORMED;
        kernel.modules().add(0, mod);
        return 0;
    }

    /** Models simplify_symbols(): resolves undefined symbols against the exports. */
    private long simplifySymbols(Module mod) {
        List<Symbol> syms = mod.image().symbols();
        mod.symbolAddrs = new long[syms.size()];
        for (int i = 0; i < syms.size(); i++) {
            Symbol s = syms.get(i);
            if (s.defined()) {
                Long base = mod.sectionAddrs.get(s.section());
                mod.symbolAddrs[i] = base == null ? 0 : base + s.offset();
            } else if (s.name().equals("__this_module")) {
                mod.symbolAddrs[i] = mod.thisModule;
            }
        }
        long ret = 0;
        for (int i = 0; i < syms.size(); i++) {
            Symbol s = syms.get(i);
            if (s.defined() || s.name().equals("__this_module")) {
                continue;
            }
            long addr = resolveSymbol(mod, s.name());
            if (addr == 0) {
                kernel.printk().log(4, mod.name() + ": Unknown symbol " + s.name() + " (err -2)");
                ret = -Errno.ENOENT;
            }
            mod.symbolAddrs[i] = addr;
        }
        return ret;
    }

    /**
     * Models resolve_symbol(): find_symbol() over vmlinux's exports, then every formed module's
     * __ksymtab (newest first); a module tainted proprietary does not see EXPORT_SYMBOL_GPL
     * symbols (fsa.gplok). Using a module's symbol takes a reference on it (ref_module()).
     */
    private long resolveSymbol(Module mod, String name) {
        boolean gplok = (mod.taints & (1L << Taint.PROPRIETARY_MODULE)) == 0;
        long addr = kernel.exports().lookup(name);
        if (addr != 0) {
            return gplok || !dev.kplay.kernel.exports.Symvers.gplOnly(name) ? addr : 0;
        }
        for (Module owner : kernel.modules()) {
            if (owner == mod || owner.state() == ModuleState.UNFORMED) {
                continue;
            }
            Module.KernelSymbol ks = owner.exported(name, kernel.memory());
            if (ks == null || (ks.gplOnly() && !gplok)) {
                continue;
            }
            return refModule(mod, owner) ? ks.value() : 0;
        }
        return 0;
    }

    /** Models ref_module(): a's use of b pins b (strong_try_module_get) and makes b list a as a user. */
    private static boolean refModule(Module a, Module b) {
        if (a.uses.contains(b)) {
            return true;
        }
        if (b.state() == ModuleState.COMING || !b.tryModuleGet()) {
            return false;
        }
        a.uses.add(b);
        b.users.add(0, a);
        return true;
    }

    /** Models module_unload_free(): drops the references this module took on the modules it used. */
    private static void moduleUnloadFree(Module mod) {
        for (Module target : mod.uses) {
            target.users.remove(mod);
            target.modulePut();
        }
        mod.uses.clear();
    }

    /** Models apply_relocations(). */
    private void applyRelocations(Module mod) {
        for (Relocation r : mod.image().relocations()) {
            Long base = mod.sectionAddrs.get(r.section());
            if (base == null) {
                continue;
            }
            kernel.memory().store(base + r.offset(), 8, mod.symbolAddrs[r.symbol()] + r.addend());
        }
    }

    /** Decodes each function at its address and registers it as code (flush_module_icache). */
    private void bindCode(Module mod) {
        for (Function f : mod.image().functions()) {
            Long base = mod.sectionAddrs.get(f.section());
            if (base == null) {
                continue;
            }
            kernel.memory().registerCode(Code.decode(f, mod.name(), base + f.offset(), mod.symbolAddrs));
        }
        mod.initFn = functionAddr(mod, mod.image().initFunction());
        mod.exitFn = functionAddr(mod, mod.image().exitFunction());
    }

    private long functionAddr(Module mod, String name) {
        if (name == null) {
            return 0;
        }
        for (Function f : mod.image().functions()) {
            if (f.name().equals(name)) {
                Long base = mod.sectionAddrs.get(f.section());
                return base == null ? 0 : base + f.offset();
            }
        }
        return mod.symbol(name);
    }

    /** Models do_init_module(): runs init on the insmod task; LIVE and frees init memory on success. */
    private long doInitModule(Task task, Module mod) {
        if (mod.initFn == 0) {
            return initDone(task, mod, 0);
        }
        task.setSyscallNr(313);
        return kernel.runTask(task, mod.initFn, new long[0], PATH_INIT, ret -> initDone(task, mod, ret));
    }

    private long initDone(Task task, Module mod, long ret) {
        int r = (int) ret;
        if (kernel.scheduler().preemptCount() != 0) {
            // do_one_initcall(): an init that leaves preemption disabled gets a WARN, and the count is reset.
            kernel.oopsReporter().warnMessage(task, "initcall " + kernel.symbolize(mod.initFn, true)
                    + " returned with preemption imbalance ", "init/main.c:1284", "do_one_initcall+0x1d7/0x220",
                    PATH_INIT.subList(1, PATH_INIT.size()));
            kernel.scheduler().setPreemptCount(0);
        }
        if (r < 0) {
            mod.state = ModuleState.GOING;
            mod.modulePut();
            moduleUnloadFree(mod);
            kernel.modules().remove(mod);
            freeMemory(mod);
            return r;
        }
        if (r > 0) {
            kernel.printk().log(4, "do_init_module: '" + mod.name() + "'->init suspiciously returned " + r
                    + ", it should follow 0/-E convention");
            kernel.printk().log(4, "do_init_module: loading module anyway...");
            kernel.oopsReporter().dumpStack(task, List.of("dump_stack_lvl+0x44/0x5c", "do_init_module+0x1a2/0x1f0"));
        }
        mod.state = ModuleState.LIVE;
        mod.modulePut();
        kernel.memory().unmap(mod.initBase, mod.initSize);
        mod.initSize = 0;
        return 0;
    }

    /**
     * Models delete_module(2): 0, -ENOENT (not loaded), -EWOULDBLOCK (in use), -EBUSY (not live),
     * or DIED if the exit function oopsed (the module then stays GOING with refcount -1).
     */
    public long deleteModule(Task task, String name, int flags) {
        Module mod = kernel.findModule(name);
        if (mod == null || mod.state() == ModuleState.UNFORMED) {
            return -Errno.ENOENT;
        }
        if (!mod.users.isEmpty()) {
            return -Errno.EWOULDBLOCK;
        }
        if (mod.state() != ModuleState.LIVE) {
            return -Errno.EBUSY;
        }
        if (mod.initFn != 0 && mod.exitFn == 0 && !tryForceUnload(flags)) {
            return -Errno.EBUSY;
        }
        if (mod.refcnt != 0 && !tryForceUnload(flags)) {
            return -Errno.EWOULDBLOCK;
        }
        mod.refcnt = -1;
        mod.state = ModuleState.GOING;
        if (mod.exitFn == 0) {
            return freeModule(mod);
        }
        task.setSyscallNr(176);
        return kernel.runTask(task, mod.exitFn, new long[0], PATH_EXIT, ret -> freeModule(mod));
    }

    /** O_TRUNC in delete_module's flags: rmmod -f. */
    private static final int O_TRUNC = 01000;
    /** TAINT_FORCED_RMMOD, 'R'. */
    private static final int FORCED_RMMOD = 3;

    /**
     * Models try_force_unload() with CONFIG_MODULE_FORCE_UNLOAD, which Debian's kernel sets: rmmod -f
     * unloads anyway and taints the kernel R (add_taint with LOCKDEP_NOW_UNRELIABLE).
     */
    private boolean tryForceUnload(int flags) {
        if ((flags & O_TRUNC) == 0) {
            return false;
        }
        kernel.taint().add(FORCED_RMMOD);
        if (!lockDebugOff) {
            lockDebugOff = true;
            kernel.printk().log(4, "Disabling lock debugging due to kernel taint");
        }
        return true;
    }

    /** Models free_module(): sysfs and procfs entries go, memory is unmapped. */
    private long freeModule(Module mod) {
        lastUnloaded = mod.name() + (mod.taints() == 0 ? ""
            : "(" + dev.kplay.kernel.panic.Taint.moduleLetters(mod.taints()) + ")");
        moduleUnloadFree(mod);
        kernel.modules().remove(mod);
        freeMemory(mod);
        return 0;
    }

    private void freeMemory(Module mod) {
        ModulePercpu.free(kernel, mod);
        kernel.memory().unmap(mod.coreBase, mod.coreSize);
        if (mod.initSize > 0) {
            kernel.memory().unmap(mod.initBase, mod.initSize);
        }
    }
}
