package dev.kplay.cc.kbuild;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostic;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import dev.kplay.ko.ModuleImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code make -C /lib/modules/6.1.0-56-amd64/build M=$PWD modules} for a directory of sources: the
 * modules its Makefile lists ({@code obj-m}, with {@code m-objs} for modules of several files), or
 * without one every {@code *.c} file as a module; {@code *.h} files are includable. The output is what
 * kbuild prints, line for line: the make banners, {@code CC [M]} and gcc's diagnostics for each
 * object, {@code MODPOST}, modpost's warnings and errors, then {@code CC [M] m.mod.o},
 * {@code LD [M] m.ko} and the BTF step, or make's error lines where the build stops.
 *
 * <p>The compiler runs with the kernel's flags: gcc 12, -std=gnu11, the kbuild defines, and the
 * -Werror= set of the kernel's Makefile. A build is a pure function of the files: same inputs,
 * byte-identical output and images.
 */
public final class Kbuild {
    static final String KDIR = "/usr/src/linux-headers-6.1.0-56-amd64";
    static final String COMMON = "/usr/src/linux-headers-6.1.0-56-common";

    /** The warnings the kernel's Makefile turns into errors (-Werror=...). */
    public static final Set<String> WERROR = Set.of("implicit-function-declaration", "implicit-int", "return-type",
        "strict-prototypes", "date-time", "incompatible-pointer-types", "designated-init");

    /** Earlier builds, shared by every session of this server. */
    private static final BuildCache CACHE = new BuildCache();

    private Kbuild() {}

    /** CPU time one file's compilation may take by default. */
    public static final long DEFAULT_CPU_NANOS = 5_000_000_000L;

    /**
     * Builds every .c file of {@code files} (name → text) as a module; a build of inputs already
     * built returns the earlier (read-only) result.
     */
    public static BuildResult build(Map<String, String> files) {
        return build(files, DEFAULT_CPU_NANOS);
    }

    /** Builds as {@link #build(Map)}, each file's compilation stopped after {@code cpuNanos} of CPU time. */
    public static BuildResult build(Map<String, String> files, long cpuNanos) {
        String key = BuildCache.key(files);
        BuildResult cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        boolean[] overLimit = {false};
        BuildResult r = make(files, cpuNanos, overLimit);
        // A build stopped by the CPU limit says how busy the machine was, not what the sources are: not kept.
        return overLimit[0] ? r : CACHE.put(key, files, r);
    }

    /** Builds every .c file of {@code files} as a module, without the cache. */
    public static BuildResult make(Map<String, String> files) {
        return make(files, DEFAULT_CPU_NANOS);
    }

    /** As {@link #make(Map)}, each file's compilation stopped after {@code cpuNanos} of CPU time. */
    public static BuildResult make(Map<String, String> files, long cpuNanos) {
        return make(files, cpuNanos, new boolean[1]);
    }

    /** As {@link #make(Map, long)}; sets {@code overLimit[0]} if a compilation was stopped by the CPU limit. */
    static BuildResult make(Map<String, String> files, long cpuNanos, boolean[] overLimit) {
        StringBuilder out = new StringBuilder();
        List<Diagnostic> diagnostics = new ArrayList<>();
        out.append("make: Entering directory '").append(KDIR).append("'\n");
        Map<String, ModuleImage> objects = new LinkedHashMap<>();
        Map<String, String> srcversions = new LinkedHashMap<>();
        for (Makefile.Module m : Makefile.of(files).modules()) {
            List<ModuleImage> parts = new ArrayList<>();
            StringBuilder sources = new StringBuilder();
            for (String obj : m.objects()) {
                String file = obj + ".c";
                if (!files.containsKey(file)) {
                    out.append("make[2]: *** No rule to make target '").append(obj).append(".o', needed by '")
                       .append(m.objects().size() > 1 ? m.name() + ".o" : "__build").append("'.  Stop.\n");
                    out.append("make[1]: *** [").append(COMMON).append("/Makefile:2065: .] Error 2\n");
                    out.append("make: *** [").append(COMMON).append("/Makefile:234: __sub-make] Error 2\n");
                    return fail(out, diagnostics);
                }
                out.append("  CC [M]  ").append(obj).append(".o\n");
                Diagnostics diags = new Diagnostics(WERROR);
                Compiled c = compile(file, m.name(), files, diags, cpuNanos);
                overLimit[0] |= c.overLimit();
                out.append(diags.render());
                diagnostics.addAll(diags.list());
                out.append(Modpost.undeclaredNote(diags.list(), c.linuxIncludes()));
                if (c.image() == null) {
                    out.append("make[1]: *** [").append(COMMON).append("/scripts/Makefile.build:255: ")
                       .append(obj).append(".o] Error 1\n");
                    out.append("make: *** [").append(COMMON).append("/Makefile:2065: .] Error 2\n");
                    return fail(out, diagnostics);
                }
                parts.add(c.image());
                sources.append(c.srcversion());
            }
            if (parts.size() > 1) {
                out.append("  LD [M]  ").append(m.name()).append(".o\n");
            }
            objects.put(m.name(), PartialLink.link(m.name(), parts));
            srcversions.put(m.name(), parts.size() > 1 ? srcversion(sources.toString(), List.of(), files)
                : sources.toString());
        }
        if (objects.isEmpty()) {
            out.append("make: Leaving directory '").append(KDIR).append("'\n");
            return new BuildResult(true, out.toString(), diagnostics, Map.of());
        }
        out.append("  MODPOST Module.symvers\n");
        Modpost.Report report = Modpost.run(objects);
        for (String line : report.lines()) out.append(line).append('\n');
        if (report.failed()) {
            out.append("make[1]: *** [").append(COMMON).append("/scripts/Makefile.modpost:127: Module.symvers] Error 1\n");
            out.append("make: *** [").append(COMMON).append("/Makefile:2017: modpost] Error 2\n");
            return fail(out, diagnostics);
        }
        Map<String, ModuleImage> artifacts = new LinkedHashMap<>();
        for (Map.Entry<String, ModuleImage> e : objects.entrySet()) {
            String base = e.getKey();
            out.append("  CC [M]  ").append(base).append(".mod.o\n");
            out.append("  LD [M]  ").append(base).append(".ko\n");
            out.append("  BTF [M] ").append(base).append(".ko\n");
            out.append("Skipping BTF generation for ").append(base).append(".ko due to unavailability of vmlinux\n");
            artifacts.put(base + ".ko", Linker.link(base, e.getValue(), report.depends().get(base),
                srcversions.get(base)));
        }
        out.append("make: Leaving directory '").append(KDIR).append("'\n");
        return new BuildResult(true, out.toString(), diagnostics, artifacts);
    }

    /** One file's compilation: its image (null on errors), srcversion, and whether the CPU limit stopped it. */
    record Compiled(ModuleImage image, String srcversion, boolean overLimit, List<String> linuxIncludes) {
        Compiled(ModuleImage image, String srcversion) {
            this(image, srcversion, false, List.of());
        }

        Compiled(ModuleImage image, String srcversion, boolean overLimit) {
            this(image, srcversion, overLimit, List.of());
        }
    }

    /** gcc -c: preprocess and compile one file; a null image after errors. */
    static Compiled compile(String file, String module, Map<String, String> files, Diagnostics diags) {
        return compile(file, module, files, diags, DEFAULT_CPU_NANOS);
    }

    static Compiled compile(String file, String module, Map<String, String> files, Diagnostics diags, long cpuNanos) {
        String text = files.get(file);
        SourceFile source = new SourceFile(file, text);
        if (text.length() > Preprocessor.MAX_SOURCE_CHARS) {
            diags.report(Severity.FATAL, new Span(source, 0, 0), file + ": file is larger than kplay's limit of "
                + Preprocessor.MAX_SOURCE_CHARS + " characters", null);
            diags.raw("compilation terminated.");
            return new Compiled(null, null);
        }
        Preprocessor pp = Preprocessor.forKbuild(files, diags, file, module);
        ModuleImage[] image = new ModuleImage[1];
        boolean[] tooLong = {false};
        boolean finished = onDeepStack(() -> {
            CpuLimit.start(cpuNanos);
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
        if (tooLong[0]) {
            diags.report(Severity.FATAL, new Span(source, 0, 0), "compiling " + file + " took more than kplay's limit of "
                + cpuNanos / 1_000_000 + " ms of CPU time", null);
            diags.raw("compilation terminated.");
            return new Compiled(null, null, true);
        }
        if (!finished) {
            diags.report(Severity.FATAL, new Span(source, 0, 0),
                "nesting in " + file + " is deeper than kplay's compiler can follow", null);
            diags.raw("compilation terminated.");
            return new Compiled(null, null);
        }
        if (diags.hasErrors()) image[0] = null;
        return new Compiled(image[0], srcversion(text, pp.includedUserFiles(), files), false, pp.linuxIncludes());
    }

    /** Stack for one compilation: the parser and checker recurse once per nesting level. */
    private static final long COMPILER_STACK_BYTES = 512L << 20;

    /**
     * Runs a compilation on its own thread with a deep stack, as cc1 runs with a large one, so
     * thousands of nested parentheses or blocks compile; returns false if even that overflowed.
     */
    static boolean onDeepStack(Runnable work) {
        boolean[] overflowed = new boolean[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, CpuLimit.inherit(() -> {
            try {
                work.run();
            } catch (StackOverflowError e) {
                overflowed[0] = true;
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }), "cc1", COMPILER_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return !overflowed[0];
    }

    /**
     * The srcversion modpost records: a digest of the module's own sources (the .c file and the
     * user headers it included, not kernel headers), as 23 upper-case hex digits.
     */
    static String srcversion(String text, List<String> headers, Map<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(text.getBytes(StandardCharsets.UTF_8));
            for (String h : headers) {
                String t = files.get(h);
                if (t != null) md.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().withUpperCase().formatHex(md.digest()).substring(0, 23);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no MD5", e);
        }
    }

    private static BuildResult fail(StringBuilder out, List<Diagnostic> diagnostics) {
        out.append("make: Leaving directory '").append(KDIR).append("'\n");
        return new BuildResult(false, out.toString(), diagnostics, Map.of());
    }
}
