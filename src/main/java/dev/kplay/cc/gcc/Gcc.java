package dev.kplay.cc.gcc;

import dev.kplay.cc.Compiler;
import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.pp.Preprocessor;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import dev.kplay.ko.ExecFile;
import dev.kplay.ko.ModuleImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/*
 * The gcc driver for user programs: `gcc [-Wall] [-O2] [-o prog] prog.c ...` as Debian 12's gcc 12
 * runs it: cc1 on each source with the user-space headers (kplay's libc), then collect2/ld linking
 * the objects with crt1.o and libc.a into a PIE executable (a.out by default). What it prints is
 * gcc's: user-space diagnostics ("prog.c: In function ‘main’:"), the driver's own errors
 * ("gcc: fatal error: no input files"), and ld's ("undefined reference to `foo'", collect2's
 * "ld returned 1 exit status"). Pure: the caller reads the sources and writes the executable.
 *
 * Warnings follow gcc's defaults: without -Wall the -Wall-only ones (unused variables, missing
 * returns, printf formats...) stay quiet; the kernel's own flags (-Wstrict-prototypes,
 * -Wframe-larger-than) never apply. Floating point is refused here with a kplay note: the VM has no
 * floating-point unit, and a miscomputed double would be worse than none.
 */

/** gcc for user programs. */
public final class Gcc {
    /**
     * What a gcc run printed, its exit status, the executable it wrote (null if none) and the
     * compiler's diagnostics (for the editor).
     */
    public record Result(int status, String output, String outputFile, ModuleImage image,
                         List<dev.kplay.cc.diag.Diagnostic> diagnostics) {
        /** The executable file's bytes, or null. */
        public byte[] executable() {
            return image == null ? null : ExecFile.encode(image);
        }
    }

    /** Warnings gcc 12 gives for C only with -Wall (or never, for the kernel's extra flags). */
    static final Set<String> WALL_ONLY = Set.of("unused-variable", "unused-function", "unused-label",
            "unused-but-set-variable", "uninitialized", "maybe-uninitialized", "parentheses", "format", "format=",
            "format-extra-args", "format-overflow=", "format-truncation=", "format-zero-length", "nonnull", "main", "switch", "sizeof-pointer-memaccess", "char-subscripts",
            "enum-compare", "restrict", "return-type", "pointer-sign", "unused-value", "misleading-indentation",
            "strict-prototypes", "declaration-after-statement", "frame-larger-than", "missing-prototypes",
            "missing-declarations", "old-style-definition");
    /** The kernel's flags, off in user builds even with -Wall. */
    static final Set<String> KERNEL_ONLY = Set.of("strict-prototypes", "declaration-after-statement",
            "frame-larger-than", "missing-prototypes", "missing-declarations", "old-style-definition");

    private Gcc() {}

    /**
     * Runs {@code gcc args...} over the user's files (name relative to the working directory →
     * text; the targets of #include "..." too).
     */
    public static Result run(List<String> args, Map<String, String> files) {
        StringBuilder out = new StringBuilder();
        List<dev.kplay.cc.diag.Diagnostic> diagnostics = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String output = "a.out";
        boolean wall = false;
        boolean optimize = false;
        List<String[]> defines = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-o") || a.equals("-D") || a.equals("-I") || a.equals("-l")) {
                if (i + 1 == args.size()) {
                    out.append("gcc: error: missing argument to ‘").append(a).append("’\n");
                    out.append("gcc: fatal error: no input files\ncompilation terminated.\n");
                    return new Result(1, out.toString(), null, null, diagnostics);
                }
                String v = args.get(++i);
                switch (a) {
                    case "-o" -> output = v;
                    case "-D" -> defines.add(define(v));
                    case "-l" -> {
                        if (!v.equals("c")) {
                            return linkFailure(out, "cannot find -l" + v + ": No such file or directory");
                        }
                    }
                    default -> { }
                }
            } else if (a.startsWith("-o") && a.length() > 2) {
                output = a.substring(2);
            } else if (a.startsWith("-D") && a.length() > 2) {
                defines.add(define(a.substring(2)));
            } else if (a.startsWith("-l") && a.length() > 2) {
                if (!a.equals("-lc")) {
                    return linkFailure(out, "cannot find " + a + ": No such file or directory");
                }
            } else if (a.equals("-Wall") || a.equals("-Wextra") || a.equals("-W")) {
                wall = true;
            } else if (a.matches("-O[0-3sgz]?|-Ofast")) {
                optimize = !a.equals("-O0");
            } else if (a.matches("-g[0-3]?|-static|-pie|-fPIE|-fpie|-no-pie|-std=(gnu|c)(89|90|99|11|17|18)|-pedantic"
                    + "|-Werror|-I.*|-Wno-[a-z-]+|-W[a-z-]+|-pipe|-fno-[a-z-]+|-f[a-z-]+|-m64|-v")) {
                continue;
            } else if (a.equals("-c") || a.equals("-S") || a.equals("-E")) {
                out.append("gcc: error: kplay: ").append(a).append(" is not supported: kplay's gcc builds whole programs\n");
                return new Result(1, out.toString(), null, null, diagnostics);
            } else if (a.startsWith("-")) {
                out.append("gcc: error: unrecognized command-line option ‘").append(a).append("’\n");
                return new Result(1, out.toString(), null, null, diagnostics);
            } else {
                sources.add(a);
            }
        }
        List<ModuleImage> objects = new ArrayList<>();
        boolean failed = false;
        boolean any = false;
        for (String s : sources) {
            if (!files.containsKey(s)) {
                out.append("gcc: error: ").append(s).append(": No such file or directory\n");
                failed = true;
                continue;
            }
            if (!s.endsWith(".c")) {
                // an object, archive or other file ld would be handed: kplay has none of those formats
                out.append("gcc: error: kplay: ").append(s).append(": only C sources can be built by kplay's gcc\n");
                failed = true;
                continue;
            }
            any = true;
            Diagnostics diags = new Diagnostics();
            Set<String> off = new java.util.HashSet<>(KERNEL_ONLY);
            if (!wall) {
                off.addAll(WALL_ONLY);
            }
            if (!optimize) {
                off.add("maybe-uninitialized");
            }
            diags.disable(off);
            ModuleImage image = compile(s, files, diags, optimize, defines);
            out.append(diags.render());
            diagnostics.addAll(diags.list());
            if (image == null) {
                failed = true;
            } else {
                objects.add(image);
            }
        }
        if (!any && !failed) {
            out.append("gcc: fatal error: no input files\ncompilation terminated.\n");
            return new Result(1, out.toString(), null, null, diagnostics);
        }
        if (failed) {
            if (!any) {
                out.append("gcc: fatal error: no input files\ncompilation terminated.\n");
            }
            return new Result(1, out.toString(), null, null, diagnostics);
        }
        Ld.Linked linked = Ld.link(baseName(output), objects, sources);
        if (linked.image() == null) {
            out.append(linked.errors());
            out.append("collect2: error: ld returned 1 exit status\n");
            return new Result(1, out.toString(), null, null, diagnostics);
        }
        return new Result(0, out.toString(), output, linked.image(), diagnostics);
    }

    private static String[] define(String d) {
        int eq = d.indexOf('=');
        return eq < 0 ? new String[] {d, "1"} : new String[] {d.substring(0, eq), d.substring(eq + 1)};
    }

    private static Result linkFailure(StringBuilder out, String message) {
        out.append("/usr/bin/ld: ").append(message).append('\n');
        out.append("collect2: error: ld returned 1 exit status\n");
        return new Result(1, out.toString(), null, null, List.of());
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** cc1 on one source: preprocess with the libc headers, refuse floating point, compile. */
    static ModuleImage compile(String file, Map<String, String> files, Diagnostics diags, boolean optimize,
                               List<String[]> defines) {
        String text = files.get(file);
        SourceFile source = new SourceFile(file, text);
        if (text.length() > Preprocessor.MAX_SOURCE_CHARS) {
            diags.report(Severity.FATAL, new Span(source, 0, 0), file + ": file is larger than kplay's limit of "
                    + Preprocessor.MAX_SOURCE_CHARS + " characters", null);
            diags.raw("compilation terminated.");
            return null;
        }
        Preprocessor pp = Preprocessor.forUser(files, diags, optimize);
        for (String[] d : defines) {
            pp.define(d[0], d[1]);
        }
        ModuleImage[] image = new ModuleImage[1];
        boolean[] tooLong = {false};
        Boolean ok = onDeepStack(() -> {
            CpuLimit.start(dev.kplay.cc.kbuild.Kbuild.DEFAULT_CPU_NANOS);
            try {
                List<Token> tokens = pp.preprocess(source);
                if (tokens != null && !refuseFloat(tokens, diags)) {
                    image[0] = Compiler.compile(source, tokens, diags, pp.spellingMacros());
                }
            } catch (CpuLimit.Exceeded e) {
                tooLong[0] = true;
            } finally {
                CpuLimit.stop();
            }
            return Boolean.TRUE;
        });
        if (tooLong[0] || ok == null) {
            diags.report(Severity.FATAL, new Span(source, 0, 0), tooLong[0]
                    ? "compiling " + file + " took more than kplay's limit of " + dev.kplay.cc.kbuild.Kbuild.DEFAULT_CPU_NANOS / 1_000_000 + " ms of CPU time"
                    : "nesting in " + file + " is deeper than kplay's compiler can follow", null);
            diags.raw("compilation terminated.");
            return null;
        }
        return diags.hasErrors() ? null : image[0];
    }

    /**
     * Floating point: kplay's VM has no FPU, so the first float or double type or floating constant
     * is an error with a marked note, rather than code that computes something else.
     */
    private static boolean refuseFloat(List<Token> tokens, Diagnostics diags) {
        for (Token t : tokens) {
            boolean isFloat = t.kind() == TokenKind.KEYWORD && (t.text().equals("float") || t.text().equals("double"))
                    || t.kind() == TokenKind.IDENT && (t.text().equals("float") || t.text().equals("double"))
                    || t.kind() == TokenKind.NUMBER && isFloatConstant(t.text());
            if (isFloat) {
                diags.report(Severity.ERROR, t.where(), "kplay: floating point is not supported: kplay's VM has no "
                        + "floating-point unit", null);
                return true;
            }
        }
        return false;
    }

    static boolean isFloatConstant(String n) {
        String s = n.toLowerCase();
        if (s.startsWith("0x")) {
            return s.contains(".") || s.contains("p");
        }
        return s.contains(".") || s.contains("e");
    }

    /** Stack for one compilation: the parser and checker recurse once per nesting level. */
    private static final long COMPILER_STACK_BYTES = 512L << 20;

    /** Runs work on a thread with a deep stack, as cc1 runs; null if even that overflowed. */
    static <T> T onDeepStack(Supplier<T> work) {
        Object[] result = new Object[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = new Thread(null, CpuLimit.inherit(() -> {
            try {
                result[0] = work.get();
            } catch (StackOverflowError e) {
                result[0] = null;
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
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
