package dev.kplay.cc.kbuild;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostic;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.kernel.KernelImage;
import dev.kplay.kernel.syscall.SyscallTbl;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Symbol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * `make` in ~/linux: a rebuild of the kernel from the session's small editable part of the 6.1.192
 * tree (Makefile, .config, syscall_64.tbl, include/linux/syscalls.h, kernel/sys.c). What it really
 * does: reads the version from the Makefile and CONFIG_LOCALVERSION from .config, generates
 * syscalls_64.h from the table as scripts/syscalltbl.sh does (a repeated number then fails the
 * compile of arch/x86/entry/syscall_64.c with gcc's "duplicate case value", as x64_sys_call()'s
 * switch makes it in 6.1.192), compiles kernel/sys.c with kplay's compiler as built-in code, checks
 * that every entry point in the table exists (the final link's "undefined reference"), and bumps
 * .version as init/build-version does. What it prints is kbuild's quiet output for such a rebuild,
 * in the order 6.1.192's Makefiles produce it (docs/kernel-tree.md lists the sources and lines);
 * the thousands of other objects a real tree would also have are not part of this tree.
 */

/** Builds a {@link KernelImage} from a kernel tree, printing what kbuild prints. */
public final class Vmlinux {
    public static final String TBL = SyscallTbl.PATH;
    public static final String SYS_C = "kernel/sys.c";
    public static final String SYSCALLS_H = "include/linux/syscalls.h";
    /** The tree's files, as ~/linux holds them. */
    public static final List<String> FILES = List.of("Makefile", ".config", ".version", TBL, SYSCALLS_H, SYS_C);
    /** What the Makefile's targets build: everything, or stop after vmlinux. */
    public enum Target { ALL, VMLINUX, BZIMAGE }

    /**
     * One build: success, the terminal output, make's exit status, the image (null on failure) and
     * the new .version (the build number, bumped even when the link fails after it, as in kbuild).
     */
    public record Result(boolean ok, String output, int status, KernelImage image, String version,
                         List<Diagnostic> diagnostics) {}

    private static final Map<String, String> STOCK = loadStock();
    private static volatile ModuleImage stockObject;

    private Vmlinux() {}

    /** The stock tree: the files of ~/linux in a new session (what the stock kernel was built from). */
    public static Map<String, String> stockTree() {
        return STOCK;
    }

    /** kernel/sys.o of the stock tree: the code every kernel kplay boots has built in. */
    public static ModuleImage stockObject() {
        ModuleImage o = stockObject;
        if (o == null) {
            Diagnostics d = new Diagnostics(Kbuild.WERROR);
            o = compile(STOCK, d);
            if (o == null) {
                throw new IllegalStateException("the stock kernel/sys.c does not compile:\n" + d.render());
            }
            stockObject = o;
        }
        return o;
    }

    private static Map<String, String> loadStock() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : FILES) {
            try (InputStream in = Vmlinux.class.getResourceAsStream("/linux/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource /linux/" + f);
                }
                m.put(f, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /linux/" + f, e);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    // ---- the version ------------------------------------------------------------------------------

    private static final Pattern MAKE_VAR = Pattern.compile("(?m)^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)[ \\t]*=[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern LOCALVERSION = Pattern.compile("(?m)^CONFIG_LOCALVERSION=(.*)$");

    /** KERNELVERSION of the top Makefile: $(VERSION).$(PATCHLEVEL).$(SUBLEVEL)$(EXTRAVERSION). */
    static String kernelVersion(String makefile) {
        Map<String, String> v = new LinkedHashMap<>();
        Matcher m = MAKE_VAR.matcher(makefile);
        while (m.find()) {
            v.putIfAbsent(m.group(1), m.group(2));
        }
        String version = v.getOrDefault("VERSION", "");
        String patch = v.getOrDefault("PATCHLEVEL", "");
        String sub = v.getOrDefault("SUBLEVEL", "");
        return version + (patch.isEmpty() ? "" : "." + patch + (sub.isEmpty() ? "" : "." + sub))
                + v.getOrDefault("EXTRAVERSION", "");
    }

    /**
     * KERNELRELEASE: KERNELVERSION plus scripts/setlocalversion's part. CONFIG_LOCALVERSION is taken as
     * auto.conf has it (kconfig writes the string without its quotes); ~/linux is no git tree, so
     * scm_version is empty and no '+' is appended; CONFIG_LOCALVERSION_AUTO adds nothing for the same reason.
     */
    public static String release(Map<String, String> tree) {
        String local = "";
        Matcher m = LOCALVERSION.matcher(tree.getOrDefault(".config", ""));
        if (m.find()) {
            String v = m.group(1).trim();
            local = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }
        return kernelVersion(tree.getOrDefault("Makefile", "")) + local;
    }

    // ---- the build ----------------------------------------------------------------------------------

    /**
     * make [target] in a tree. {@code last} is the tree as the last successful build saw it (the
     * stock tree before the first): only what changed since is regenerated and recompiled.
     * {@code timestamp} is `LC_ALL=C date` at link time, for UTS_VERSION.
     */
    public static Result make(Map<String, String> tree, Map<String, String> last, Target target, String timestamp) {
        StringBuilder out = new StringBuilder();
        List<Diagnostic> diagnostics = new ArrayList<>();
        String version = tree.get(".version");
        if (!tree.containsKey("Makefile")) {
            return new Result(false, "make: *** No targets specified and no makefile found.  Stop.\n", 2, null, version, diagnostics);
        }
        if (!tree.containsKey(".config")) {
            out.append("***\n*** Configuration file \".config\" not found!\n***\n")
               .append("*** Please run some configurator (e.g. \"make oldconfig\" or\n")
               .append("*** \"make menuconfig\" or \"make xconfig\").\n***\n")
               .append("make[2]: *** [scripts/kconfig/Makefile:77: syncconfig] Error 1\n")
               .append("make[1]: *** [Makefile:697: syncconfig] Error 2\n")
               .append("make: *** [Makefile:785: include/config/auto.conf.cmd] Error 2\n");
            return new Result(false, out.toString(), 2, null, version, diagnostics);
        }
        if (!tree.containsKey(TBL)) {   // arch/x86/Makefile's archheaders runs the syscalls Makefile first
            out.append("make[1]: *** No rule to make target '").append(TBL)
               .append("', needed by 'arch/x86/include/generated/uapi/asm/unistd_64.h'.  Stop.\n")
               .append("make: *** [arch/x86/Makefile:242: archheaders] Error 2\n");
            return new Result(false, out.toString(), 2, null, version, diagnostics);
        }
        boolean configChanged = changed(tree, last, ".config");
        boolean tblChanged = changed(tree, last, TBL);
        boolean headerChanged = changed(tree, last, SYSCALLS_H);
        boolean sysChanged = changed(tree, last, SYS_C) || headerChanged;
        String release = release(tree);
        boolean releaseChanged = !release.equals(release(last));
        SyscallTbl tbl = SyscallTbl.parse(tree.getOrDefault(TBL, ""));

        if (configChanged) {
            out.append("  SYNC    include/config/auto.conf.cmd\n");
        }
        if (tblChanged) {   // arch/x86/entry/syscalls/Makefile, target "all", prerequisites in order
            out.append("  SYSHDR  arch/x86/include/generated/uapi/asm/unistd_64.h\n");
            out.append("  SYSHDR  arch/x86/include/generated/uapi/asm/unistd_x32.h\n");
            out.append("  SYSHDR  arch/x86/include/generated/asm/unistd_64_x32.h\n");
            out.append("  SYSTBL  arch/x86/include/generated/asm/syscalls_64.h\n");
            out.append("  SYSTBL  arch/x86/include/generated/asm/syscalls_x32.h\n");
        }
        if (releaseChanged) {
            out.append("  UPD     include/config/kernel.release\n");
            out.append("  UPD     include/generated/utsrelease.h\n");
        }
        out.append("  CALL    scripts/checksyscalls.sh\n");
        out.append("  DESCEND objtool\n");
        out.append("  DESCEND bpf/resolve_btfids\n");

        // make[1] builds "." (the top Kbuild): init/ usr/ arch/x86/ kernel/ ..., in that order.
        boolean relink = tblChanged || sysChanged || releaseChanged || configChanged || version == null
                || !Objects.equals(version, last.get(".version"));
        if (releaseChanged || configChanged) {
            out.append("  CC      init/version.o\n");
            out.append("  AR      init/built-in.a\n");
        }
        if (tblChanged || headerChanged) {
            String dup = duplicateCase(tbl);
            out.append("  CC      arch/x86/entry/syscall_64.o\n");
            if (dup != null) {
                out.append(dup);
                out.append("make[3]: *** [scripts/Makefile.build:255: arch/x86/entry/syscall_64.o] Error 1\n");
                out.append("make[2]: *** [scripts/Makefile.build:508: arch/x86/entry] Error 2\n");
                out.append("make[1]: *** [scripts/Makefile.build:508: arch/x86] Error 2\n");
                out.append("make: *** [Makefile:2065: .] Error 2\n");
                return new Result(false, out.toString(), 2, null, version, diagnostics);
            }
            out.append("  CC      arch/x86/entry/syscall_x32.o\n");
            out.append("  AR      arch/x86/entry/built-in.a\n");
            out.append("  AR      arch/x86/built-in.a\n");
        }
        ModuleImage obj;
        if (!tree.containsKey(SYS_C)) {
            out.append("make[2]: *** No rule to make target 'kernel/sys.o', needed by 'kernel/built-in.a'.  Stop.\n");
            out.append("make[1]: *** [scripts/Makefile.build:508: kernel] Error 2\n");
            out.append("make: *** [Makefile:2065: .] Error 2\n");
            return new Result(false, out.toString(), 2, null, version, diagnostics);
        }
        if (sysChanged) {
            out.append("  CC      kernel/sys.o\n");
            Diagnostics diags = new Diagnostics(Kbuild.WERROR);
            obj = compile(tree, diags);
            out.append(diags.render());
            diagnostics.addAll(diags.list());
            if (obj == null) {
                out.append("make[2]: *** [scripts/Makefile.build:255: kernel/sys.o] Error 1\n");
                out.append("make[1]: *** [scripts/Makefile.build:508: kernel] Error 2\n");
                out.append("make: *** [Makefile:2065: .] Error 2\n");
                return new Result(false, out.toString(), 2, null, version, diagnostics);
            }
            out.append("  AR      kernel/built-in.a\n");
        } else {
            obj = compile(tree, new Diagnostics(Kbuild.WERROR));
            if (obj == null) {
                return new Result(false, out + "make: *** [Makefile:2065: .] Error 2\n", 2, null, version, diagnostics);
            }
        }
        if (!relink) {
            return finish(out, target, version, null, tree, tbl, obj, timestamp, diagnostics, false);
        }
        out.append("  AR      built-in.a\n");
        out.append("  AR      vmlinux.a\n");
        out.append("  LD      vmlinux.o\n");
        out.append("  OBJCOPY modules.builtin.modinfo\n");
        out.append("  GEN     modules.builtin\n");
        out.append("  GEN     .vmlinux.objs\n");
        out.append("  MODPOST Module.symvers\n");
        out.append("  CC      .vmlinux.export.o\n");
        String next = String.valueOf(buildVersion(version));   // init/build-version writes .version
        out.append("  UPD     include/generated/utsversion.h\n");
        out.append("  CC      init/version-timestamp.o\n");
        out.append("  LD      .tmp_vmlinux.btf\n");
        String undefined = undefinedEntries(tbl, obj);
        if (undefined != null) {
            out.append(undefined);
            out.append("make[1]: *** [scripts/Makefile.vmlinux:34: vmlinux] Error 1\n");
            out.append("make: *** [Makefile:1296: vmlinux] Error 2\n");
            return new Result(false, out.toString(), 2, null, next + "\n", diagnostics);
        }
        out.append("  BTF     .btf.vmlinux.bin.o\n");
        for (int step = 1; step <= 2; step++) {           // link-vmlinux.sh: kallsyms_step 1, 2
            out.append("  LD      .tmp_vmlinux.kallsyms").append(step).append('\n');
            out.append("  NM      .tmp_vmlinux.kallsyms").append(step).append(".syms\n");
            out.append("  KSYMS   .tmp_vmlinux.kallsyms").append(step).append(".S\n");
            out.append("  AS      .tmp_vmlinux.kallsyms").append(step).append(".S\n");
        }
        out.append("  LD      vmlinux\n");
        out.append("  BTFIDS  vmlinux\n");
        out.append("  NM      System.map\n");
        out.append("  SORTTAB vmlinux\n");
        return finish(out, target, next + "\n", next, tree, tbl, obj, timestamp, diagnostics, true);
    }

    /** The bzImage step (arch/x86/boot/Makefile) and the image. */
    private static Result finish(StringBuilder out, Target target, String version, String number, Map<String, String> tree,
                                 SyscallTbl tbl, ModuleImage obj, String timestamp, List<Diagnostic> diagnostics,
                                 boolean linked) {
        String n = number != null ? number : String.valueOf(currentVersion(version));
        if (target != Target.VMLINUX) {
            if (linked) {
                out.append("  CC      arch/x86/boot/version.o\n");
                out.append("  VOFFSET arch/x86/boot/compressed/../voffset.h\n");
                out.append("  CC      arch/x86/boot/compressed/misc.o\n");
                out.append("  OBJCOPY arch/x86/boot/compressed/vmlinux.bin\n");
                out.append("  RELOCS  arch/x86/boot/compressed/vmlinux.relocs\n");
                out.append("  XZKERN  arch/x86/boot/compressed/vmlinux.bin.xz\n");
                out.append("  MKPIGGY arch/x86/boot/compressed/piggy.S\n");
                out.append("  AS      arch/x86/boot/compressed/piggy.o\n");
                out.append("  CC      arch/x86/boot/compressed/kaslr.o\n");
                out.append("  LD      arch/x86/boot/compressed/vmlinux\n");
                out.append("  ZOFFSET arch/x86/boot/zoffset.h\n");
                out.append("  AS      arch/x86/boot/header.o\n");
                out.append("  LD      arch/x86/boot/setup.elf\n");
                out.append("  OBJCOPY arch/x86/boot/setup.bin\n");
                out.append("  OBJCOPY arch/x86/boot/vmlinux.bin\n");
                out.append("  BUILD   arch/x86/boot/bzImage\n");
            }
            out.append("Kernel: arch/x86/boot/bzImage is ready  (#").append(n).append(")\n");
        }
        KernelImage image = linked
                ? KernelImage.built(release(tree), utsVersion(n, timestamp), tbl, obj)
                : null;
        return new Result(true, out.toString(), 0, image, version, diagnostics);
    }

    /** init/Makefile's filechk_uts_version: "#N SMP PREEMPT_DYNAMIC <date>", cut to 64 bytes. */
    static String utsVersion(String n, String timestamp) {
        String v = "#" + n + " SMP PREEMPT_DYNAMIC " + timestamp;
        return v.length() > 64 ? v.substring(0, 64) : v;
    }

    /** init/build-version: .version plus one, or 1 when .version is missing or not a number. */
    static int buildVersion(String dotVersion) {
        int cur = currentVersion(dotVersion);
        return cur < 0 ? 1 : cur + 1;
    }

    private static int currentVersion(String dotVersion) {
        if (dotVersion == null) {
            return -1;
        }
        try {
            return Integer.parseInt(dotVersion.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean changed(Map<String, String> tree, Map<String, String> last, String file) {
        return !Objects.equals(tree.get(file), last.get(file));
    }

    /** gcc -c kernel/sys.c as built-in code, with the tree's include/ first on the include path. */
    static ModuleImage compile(Map<String, String> tree, Diagnostics diags) {
        String text = tree.get(SYS_C);
        if (text == null) {
            return null;
        }
        SourceFile source = new SourceFile(SYS_C, text);
        Preprocessor pp = Preprocessor.forBuiltin(tree, diags, SYS_C);
        ModuleImage[] image = new ModuleImage[1];
        boolean[] tooLong = {false};
        boolean finished = Kbuild.onDeepStack(() -> {
            CpuLimit.start(Kbuild.DEFAULT_CPU_NANOS);
            try {
                List<Token> tokens = pp.preprocess(source);
                if (tokens != null) {
                    image[0] = Compiler.compile(source, tokens, diags, pp.spellingMacros(), true);
                }
            } catch (CpuLimit.Exceeded e) {
                tooLong[0] = true;
            } finally {
                CpuLimit.stop();
            }
        });
        if (tooLong[0] || !finished) {
            diags.report(dev.kplay.cc.diag.Severity.FATAL, new dev.kplay.cc.source.Span(source, 0, 0), tooLong[0]
                    ? "compiling " + SYS_C + " took more than kplay's limit of " + Kbuild.DEFAULT_CPU_NANOS / 1_000_000 + " ms of CPU time"
                    : "nesting in " + SYS_C + " is deeper than kplay's compiler can follow", null);
            diags.raw("compilation terminated.");
            return null;
        }
        return diags.hasErrors() ? null : image[0];
    }

    /**
     * gcc's error for a number the table lists twice: syscalltbl.sh writes two __SYSCALL(nr, ...)
     * lines for it, and x64_sys_call()'s switch (arch/x86/entry/syscall_64.c:25 in 6.1.192) gets two
     * equal case labels. Null when every common/64 number is unique.
     */
    static String duplicateCase(SyscallTbl tbl) {
        String[] header = tbl.syscallsHeader().split("\n");
        Pattern p = Pattern.compile("__SYSCALL\\((\\d+), ");
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            Matcher m = p.matcher(header[i]);
            if (!m.find()) {
                continue;
            }
            Integer prev = first.putIfAbsent(m.group(1), i + 1);
            if (prev != null) {
                String h = "./arch/x86/include/generated/asm/syscalls_64.h";
                String def = "#define __SYSCALL(nr, sym) case nr: return __x64_##sym(regs);";
                return h + ": In function \u2018x64_sys_call\u2019:\n"
                        + "arch/x86/entry/syscall_64.c:25:28: error: duplicate case value\n"
                        + "   25 | " + def + "\n"
                        + "      |                            ^~~~\n"
                        + h + ":" + (i + 1) + ":1: note: in expansion of macro \u2018__SYSCALL\u2019\n"
                        + gutter(i + 1) + header[i] + "\n" + caret(i + 1)
                        + "arch/x86/entry/syscall_64.c:25:28: note: previously used here\n"
                        + "   25 | " + def + "\n"
                        + "      |                            ^~~~\n"
                        + h + ":" + prev + ":1: note: in expansion of macro \u2018__SYSCALL\u2019\n"
                        + gutter(prev) + header[prev - 1] + "\n" + caret(prev);
            }
        }
        return null;
    }

    private static String gutter(int line) {
        return String.format("%5d | ", line);
    }

    private static String caret(int line) {
        return " ".repeat(5) + " | ^~~~~~~~~\n";
    }

    /**
     * The final link's errors for table entry points that nothing defines: x64_sys_call() and
     * sys_call_table[] name __x64_&lt;entry&gt;, which must come from kernel/sys.o or from the rest of
     * the kernel (kplay's models of the stock entries). Null when every entry resolves.
     */
    static String undefinedEntries(SyscallTbl tbl, ModuleImage obj) {
        Set<String> defined = new TreeSet<>();
        for (Symbol s : obj.symbols()) {
            if (s.defined()) {
                defined.add(s.name());
            }
        }
        Set<String> stock = new TreeSet<>();
        for (SyscallTbl.Entry e : SyscallTbl.stock().entries()) {
            if (e.entryPoint() != null) {
                stock.add(e.entryPoint());
            }
        }
        StringBuilder b = new StringBuilder();
        Set<String> seen = new TreeSet<>();
        for (SyscallTbl.Entry e : tbl.entries()) {
            String ep = e.entryPoint();
            if (ep == null || !(e.abi().equals("common") || e.abi().equals("64")) || stock.contains(ep)
                    || defined.contains("__x64_" + ep) || !seen.add(ep)) {
                continue;
            }
            if (b.length() == 0) {
                b.append("ld: vmlinux.o: in function `x64_sys_call':\n");
            }
            b.append(String.format("(.text+0x%x): undefined reference to `__x64_%s'", 0x2a40 + 5L * e.nr(), ep)).append('\n');
        }
        return b.length() == 0 ? null : b.toString();
    }
}
