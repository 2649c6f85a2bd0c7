package dev.kplay.cc;

import dev.kplay.cc.diag.CpuLimit;
import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lower.Lowerer;
import dev.kplay.cc.parse.Decl;
import dev.kplay.cc.parse.Parser;
import dev.kplay.cc.sema.Checker;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import dev.kplay.ko.ModuleImage;
import java.util.List;

/**
 * cc1 for one translation unit: parse, check and lower preprocessed tokens into an object image.
 *
 * <p>Parsing and checking alternate one external declaration at a time, as in gcc's front end, so
 * syntax errors and semantic diagnostics interleave in gcc's order. The image holds sections,
 * symbols (undefined externals included), data relocations and functions; modinfo is empty and
 * init/exit are null, for the link step (kbuild) to fill in.
 */
public final class Compiler {
    private Compiler() {}

    /** Compiles {@code tokens} (preprocessed, ending in EOF); null if any error was reported. */
    public static ModuleImage compile(SourceFile file, List<Token> tokens, Diagnostics diags) {
        return compile(file, tokens, diags, List.of());
    }

    /** As compile(), with the macros the preprocessor left defined, for gcc's "did you mean" hints. */
    public static ModuleImage compile(SourceFile file, List<Token> tokens, Diagnostics diags, Iterable<String> macros) {
        return compile(file, tokens, diags, macros, false);
    }

    /**
     * As compile(); {@code kernel}: code kbuild compiles (a module, a kernel from ~/linux), with the
     * kernel's -fstack-protector-strong (kplay builds user programs without it).
     */
    public static ModuleImage compile(SourceFile file, List<Token> tokens, Diagnostics diags, Iterable<String> macros,
                                      boolean kernel) {
        Parser parser = new Parser(tokens, diags);
        Checker checker = new Checker(diags);
        checker.macros(macros);
        Decl last = null;
        try {
            for (Decl d; (d = parser.nextExternal()) != null; ) {
                last = d;
                try {
                    checker.external(d);
                } catch (CpuLimit.Exceeded e) {
                    throw e;
                } catch (RuntimeException e) {
                    diags.release();
                    if (!diags.hasErrors()) throw e;
                    // a construct the parser recovered from: its error is already reported
                } finally {
                    diags.release();
                }
            }
            diags.release();   // a function body the parser gave up on may still hold its errors
            diags.reachParse(Integer.MAX_VALUE);
            checker.finish();
        } catch (CpuLimit.Exceeded e) {
            throw e;
        } catch (RuntimeException e) {
            diags.reachParse(Integer.MAX_VALUE);
            if (diags.hasErrors()) return null;
            Span at = last != null ? last.span() : new Span(file, 0, 0);
            diags.report(Severity.ERROR, at, "internal compiler error: " + e, null);
            return null;
        }
        if (diags.hasErrors()) return null;
        if (!parser.nestedFunctions.isEmpty()) {
            Parser.Nested n = parser.nestedFunctions.get(0);
            diags.enterFunction(n.in());
            diags.report(Severity.ERROR, n.at(), "nested functions are not supported", null);
            diags.raw("kplay: note: nested functions are a GNU C extension gcc compiles; kplay does not compile them yet");
            return null;
        }
        String base = file.name().replaceAll(".*/", "").replaceAll("\\.c$", "");
        try {
            return new Lowerer(checker.typed(), base.replace('-', '_'), base + ".o", kernel).lower();
        } catch (CpuLimit.Exceeded e) {
            throw e;
        } catch (RuntimeException e) {
            Span at = last != null ? last.span() : new Span(file, 0, 0);
            diags.report(Severity.ERROR, at, "internal compiler error: " + e, null);
            return null;
        }
    }
}
