package dev.kplay.cc.diag;

import dev.kplay.cc.source.LineMaps;
import dev.kplay.cc.source.MacroLoc;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The one error-reporting path of the compiler: collects diagnostics and renders them exactly as
 * gcc 12 does in a UTF-8 terminal without colour:
 *
 * <pre>
 * syntaxerr.c: In function ‘syntaxerr_init’:
 * syntaxerr.c:12:9: error: expected ‘,’ or ‘;’ before ‘return’
 *    12 |         return x - 1;
 *       |         ^~~~~~
 * </pre>
 *
 * The "In function" line is printed when the function context changes ("At top level:" when it
 * goes back to file scope after a function). The source line is shown with tabs expanded to
 * 8 columns; the caret sits at the display column, followed by '~' up to the end of the range.
 * A warning whose option is in the -Werror= set becomes an error with "[-Werror=flag]", and
 * {@link #render()} ends with "cc1: some warnings being treated as errors" if that happened.
 * This class decides what is printed and in which order; drawing the quoted source line, its
 * carets and labels is {@link SourceQuote}'s.
 */
public final class Diagnostics {
    private final StringBuilder out = new StringBuilder();
    private final List<Diagnostic> list = new ArrayList<>();
    private final java.util.Set<String> werror;
    private String function;         // the function being compiled now; null = file scope
    private String printedContext;   // the context gcc last announced ("In function"/"At top level"); null = none yet
    private boolean anyPrinted;
    private boolean promoted;
    private int errors;

    /** Warning options that are off (a user program's gcc without -Wall): their warnings and notes are not shown. */
    private java.util.Set<String> disabled = java.util.Set.of();
    /** The last warning was dropped: the notes that follow it go too. */
    private boolean dropping;

    /** Turns the warnings of {@code options} off, as gcc leaves them off without the -W flag that enables them. */
    public void disable(java.util.Set<String> options) {
        disabled = options;
    }

    private boolean dropped(Severity severity, String option) {
        if (severity == Severity.NOTE) {
            return dropping;
        }
        dropping = severity == Severity.WARNING && option != null && disabled.contains(option);
        return dropping;
    }

    /** @param werror options treated as errors, without "-W" ("return-type", "implicit-function-declaration"...). */
    public Diagnostics(java.util.Set<String> werror) {
        this.werror = werror;
    }

    public Diagnostics() {
        this(java.util.Set.of());
    }

    /** Sets the function the next diagnostics are "In function" (null: file scope). */
    public void enterFunction(String name) {
        function = name;
    }

    /**
     * Reports a diagnostic at {@code span}. {@code option} is the warning flag without "-W"
     * ("unused-variable") or null. Returns the severity actually used (a -Werror= warning is an error).
     */
    public Severity report(Severity severity, Span span, String message, String option) {
        return report(severity, span, span, message, option);
    }

    private Span lastQuoted;
    private Span lastQuotedCaret;

    /**
     * Reports a diagnostic whose location is {@code caret} inside the underlined range {@code range}
     * (gcc's "~~^~~" for a binary operator). As gcc does, the source line is not quoted again when
     * a diagnostic has exactly the location of the previous one (a note right after its error).
     */
    public Severity report(Severity severity, Span range, Span caret, String message, String option) {
        if (held != null) {
            hold(caret, () -> emit(severity, range, caret, message, option), severity);
            return effective(severity, option);
        }
        return emit(severity, range, caret, message, option);
    }

    /** The "In function ..., inlined from ..." context of the diagnostic being reported, or null. */
    private String inlinedContext;

    /**
     * Reports a diagnostic gcc finds in {@code fns[0]} after inlining it into {@code fns[1]} at
     * {@code sites[0]}, that into {@code fns[2]} at {@code sites[1]}, and so on: gcc names the chain
     * instead of the function ("In function ‘check_copy_size’," then one "    inlined from ‘f’ at
     * file:L:C" line for each site, the last ending in ":"), each site where the call was written (a
     * macro's at its expansion in the file), its column in bytes (a tab counts one).
     */
    public Severity reportInlined(Severity severity, Span range, Span caret, String message, String option, List<String> fns,
                                  List<Span> sites) {
        StringBuilder context = new StringBuilder("In function ‘" + fns.get(0) + "’");
        for (int i = 0; i < sites.size(); i++) {
            Span site = sites.get(i);
            int line = site.line();
            context.append(",\n    inlined from ‘").append(fns.get(i + 1)).append("’ at ").append(site.file().name()).append(':')
                    .append(line).append(':').append(site.start() - site.file().lineStart(line) + 1);
        }
        inlinedContext = context.append(':').toString();
        try {
            return report(severity, range, caret, message, option);
        } finally {
            inlinedContext = null;
        }
    }

    // ---- holding: gcc's order inside a function ------------------------------------------------

    private record Pending(long key, Runnable render, String function) {}

    private List<Pending> held;
    private SourceFile heldFile;
    private Span emissionPoint;
    private long lastKey;

    /**
     * Starts holding diagnostics for a function body in {@code file}: the parser reports syntax
     * errors while reading the body and the checker reports the rest after it, but gcc reports
     * both as it reads, so {@link #release()} prints them in source order (a note stays with the
     * diagnostic before it; diagnostics in other files stay next to their neighbour).
     */
    public void hold(SourceFile file) {
        if (held == null) {
            held = new ArrayList<>();
            heldFile = file;
            lastKey = 0;
        }
    }

    /**
     * While holding: the point in the source at which gcc would emit the next diagnostics
     * (the closing brace for a scope's unused variables), or null for "at their location".
     */
    public void emissionPoint(Span at) {
        emissionPoint = at;
    }

    /** The emission point set now, or null. */
    public Span emissionPoint() {
        return emissionPoint;
    }

    /** Prints the held diagnostics in source order and stops holding. */
    public void release() {
        List<Pending> list = held;
        held = null;
        emissionPoint = null;
        if (list == null) return;
        List<Pending> sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparingLong(Pending::key));
        String current = function;
        for (Pending p : sorted) {
            enterFunction(p.function());
            p.render().run();
        }
        enterFunction(current);
    }

    private void hold(Span caret, Runnable render, Severity severity) {
        long key;
        if (severity == Severity.NOTE) {
            key = lastKey;
        } else if (readAt >= 0) {
            key = readAt * 2L - 1;          // the preprocessor said it as the parser read the tokens there
        } else if (emissionPoint != null) {
            key = emissionPoint.start() * 2L + 1;
        } else if (caret.file() == heldFile) {
            key = caret.start() * 2L;
        } else {
            key = lastKey;
        }
        lastKey = key;
        held.add(new Pending(key, render, function));
    }

    private Severity effective(Severity severity, String option) {
        return severity == Severity.WARNING && option != null && werror.contains(option) ? Severity.ERROR : severity;
    }

    private Severity emit(Severity severity, Span range, Span caret, String message, String option) {
        return emit(severity, range, caret, message, option, caret, caret.file().name());
    }

    /**
     * {@code module} is the place whose line map decides the include chain: the caret itself, or for
     * a token made by a macro the place in the macro's definition it comes from. {@code context} is
     * the file gcc names in "In function" lines: the one its parser is reading (input_location).
     */
    private Severity emit(Severity severity, Span range, Span caret, String message, String option, Span module,
                          String contextFile) {
        if (dropped(severity, option)) {
            return severity;
        }
        Span span = caret;
        if (severity == Severity.WARNING && option != null && werror.contains(option)) {
            severity = Severity.ERROR;
            message = message + " [-Werror=" + option + "]";
            promoted = true;
        } else if (option != null) {
            message = message + " [-W" + option + "]";
        }
        SourceFile file = span.file();
        if (module != null) {
            // gcc 12 prints the chain when a header's line map differs from the last one it printed
            // one for: a diagnostic in the main file between two in the same header does not
            // repeat it (recorded: fmtmix's unused variable between -Wformat warnings in printk.h)
            List<String> stack = includedFrom != null ? LineMaps.format(includedFrom) : lineMaps.includeStack(module.file());
            String m = includedFrom != null ? String.join("\n", stack) : lineMaps.module(module.file(), module.line());
            if (!stack.isEmpty() && !m.equals(lastModule)) {
                lastModule = m;
                for (String l : stack) out.append(l).append('\n');
            }
        }
        if (severity != Severity.NOTE) {
            // gcc announces the context when it differs from the last one announced: "In function"
            // for a function, "At top level" when file scope follows a function.
            String context = inlinedContext != null ? inlinedContext : function == null ? "" : function;
            if (!context.equals(printedContext)) {
                String at = contextFile;
                if (inlinedContext != null) {
                    out.append(inlinedContext).append('\n');
                } else if (function != null) {
                    out.append(at).append(": In function ‘").append(function).append("’:\n");
                } else if (anyPrinted && printedContext != null && !printedContext.isEmpty()) {
                    out.append(at).append(": At top level:\n");
                }
                printedContext = context;
            }
            anyPrinted = true;
        }
        int line = span.line();
        int col = span.column();
        // The end of input, past a file's last newline, is a location without a column (linemap's
        // column 0): gcc prints "x.c:7: error: ..." there and quotes no line.
        boolean atEnd = span.start() >= file.text().length() && file.text().endsWith("\n");
        out.append(file.name()).append(':').append(line).append(atEnd || lineOnlyPending ? "" : ":" + col).append(": ")
           .append(severity.label()).append(": ").append(message).append('\n');
        if (lineOnlyPending) {
            SourceQuote.lineOnly(out, file, line);
        } else if (!atEnd && !richPending && !(range.equals(lastQuoted) && caret.equals(lastQuotedCaret))) {
            SourceQuote.quote(out, file, range, caret, line, col);
        }
        lastQuoted = range;
        lastQuotedCaret = caret;
        list.add(new Diagnostic(file.name(), line, col, severity.label(), message));
        if (severity == Severity.ERROR || severity == Severity.FATAL) {
            errors++;
        }
        return severity;
    }

    // ---- gcc's virtual locations: diagnostics at tokens made by macros -------------------------

    private List<String> includedFrom;

    /**
     * {@link #report} for the preprocessor, which knows the #include chain that led to the
     * location ("a.h:2", then "x.c:3"; empty for the main file) from its input stack.
     */
    public void reportIncluded(Severity severity, Span at, String message, String option, List<String> chain) {
        includedFrom = chain;
        try {
            report(severity, at, message, option);
        } finally {
            includedFrom = null;
        }
    }

    private final LineMaps lineMaps = new LineMaps();
    private String lastModule;

    /** The include structure of the translation unit, filled in by the preprocessor. */
    public LineMaps lineMaps() {
        return lineMaps;
    }

    /**
     * Reports a diagnostic at a token that may come from macro expansions, as gcc does: located
     * and quoted at the token's spelling ({@code spelling}, its range underlined), with the include
     * chain of the place in the macro definition it comes from, then gcc's notes unwinding the
     * expansions (tree-diagnostic.cc maybe_unwind_expanded_macro_loc): "in definition of macro" for
     * the innermost one when the diagnostic's line is not there, then "in expansion of macro" at
     * each expansion point, innermost first. {@code virt} null is an ordinary location.
     */
    public Severity reportAt(Severity severity, Span spelling, MacroLoc virt, String message, String option) {
        Span context = outermostPoint(spelling, virt);
        Runnable r = () -> {
            if (dropped(severity, option)) return;
            emit(severity, spelling, spelling, message, option, virt != null ? virt.def() : spelling,
                context.file().name());
            macroNotes(spelling, virt);
        };
        holdOrRun(context, r, severity);
        return effective(severity, option);
    }

    /** The expansion point of the outermost macro a token came through (gcc's order), or {@code at}. */
    private static Span outermostPoint(Span at, MacroLoc virt) {
        Span point = at;
        for (MacroLoc m = virt; m != null; m = m.unwind()) {
            point = m.map().point();
        }
        return point;
    }

    private void holdOrRun(Span at, Runnable r, Severity severity) {
        if (held != null) {
            hold(at, r, severity);
        } else {
            r.run();
        }
    }

    /**
     * {@link #reportRich} at a token that may come from macro expansions: the include chain of its
     * place in the macro definition, then the rich diagnostic at its spelling, then gcc's macro notes.
     */
    public Severity reportRichAt(Severity severity, Span caret, MacroLoc virt, List<Label> ranges, String message,
                                 String option) {
        Span where = outermostPoint(caret, virt);
        Runnable r = () -> {
            if (dropped(severity, option)) return;
            boolean same = caret.equals(lastQuoted) && caret.equals(lastQuotedCaret);
            richPending = true;
            emit(severity, caret, caret, message, option, virt != null ? virt.def() : caret, where.file().name());
            richPending = false;
            if (!same) SourceQuote.rich(out, caret, ranges, null, null);
            macroNotes(caret, virt);
        };
        holdOrRun(where, r, severity);
        return effective(severity, option);
    }

    private void macroNotes(Span spelling, MacroLoc virt) {
        int line = spelling.line();
        boolean first = true;
        for (MacroLoc m = virt; m != null; m = m.unwind(), first = false) {
            String name = m.map().macro();
            if (first && m.def().line() != line) {
                note(m.def(), "in definition of macro ‘" + name + "’");
            } else {
                note(m.map().pointDef(), "in expansion of macro ‘" + name + "’");
            }
        }
    }

    /** gcc's diagnostic_append_note: a note with its quoted line, without include chain or context. */
    private void note(Span at, String message) {
        SourceFile file = at.file();
        int line = at.line();
        int col = at.column();
        out.append(file.name()).append(':').append(line).append(':').append(col).append(": note: ")
           .append(message).append('\n');
        if (!(at.equals(lastQuoted) && at.equals(lastQuotedCaret))) {
            SourceQuote.quote(out, file, at, at, line, col);
        }
        lastQuoted = at;
        lastQuotedCaret = at;
        list.add(new Diagnostic(file.name(), line, col, Severity.NOTE.label(), message));
    }

    /** A range underlined with '~' in a rich diagnostic, with an optional label printed under it. */
    public record Label(Span span, String text) {
        public static Label of(Span span) { return new Label(span, null); }
    }

    /**
     * Reports a diagnostic with gcc's rich location: the caret at {@code caret}; ranges underlined
     * with '~' (on the caret's line, or quoted on their own lines after it), labelled as gcc labels
     * them ("|" then the text under the range); and an optional fix-it: {@code fixit} to insert or
     * substitute at {@code fixitAt}, printed under the caret line as gcc does for a missing ';'.
     */
    public Severity reportRich(Severity severity, Span caret, List<Label> ranges, String fixit, Span fixitAt,
                               String message, String option) {
        if (held != null) {
            hold(caret, () -> emitRich(severity, caret, ranges, fixit, fixitAt, message, option), severity);
            return effective(severity, option);
        }
        return emitRich(severity, caret, ranges, fixit, fixitAt, message, option);
    }

    private Severity emitRich(Severity severity, Span caret, List<Label> ranges, String fixit, Span fixitAt,
                              String message, String option) {
        if (dropped(severity, option)) {
            return severity;
        }
        boolean same = caret.equals(lastQuoted) && caret.equals(lastQuotedCaret);
        richPending = true;
        Severity used = emit(severity, caret, caret, message, option);
        richPending = false;
        if (!same) SourceQuote.rich(out, caret, ranges, fixit, fixitAt);
        return used;
    }

    private boolean richPending;
    /** The diagnostic being emitted has a line and no column (gcc's location of a macro's #define line). */
    private boolean lineOnlyPending;

    // ---- preprocessor diagnostics in parse order -------------------------------------------------

    /** A preprocessor diagnostic waiting for the parser to reach its offset in the main file; read: where its tokens start. */
    private record Deferred(int offset, int read, Runnable report) {}

    /** While a deferred diagnostic reports: the offset its tokens start at, which orders it before what is said there. */
    private int readAt = -1;

    private final List<Deferred> deferred = new ArrayList<>();

    /**
     * gcc's preprocessor runs as the parser asks for tokens, so what it reports inside a function
     * is reported in that function ("In function ‘f’:") and in order with the parser's and checker's
     * diagnostics. kplay preprocesses first: a diagnostic of the preprocessor at {@code offset} of the
     * main file waits here until the parser passes that point (see {@link #reachParse}).
     */
    public void deferToParse(int offset, int read, Runnable report) {
        deferred.add(new Deferred(offset, read, report));
    }

    /** The parser is at {@code offset} of the main file (Integer.MAX_VALUE at its end): reports what lies before it. */
    public void reachParse(int offset) {
        while (!deferred.isEmpty() && deferred.get(0).offset() < offset) {
            Deferred d = deferred.remove(0);
            readAt = d.read();
            try {
                d.report().run();
            } finally {
                readAt = -1;
            }
        }
    }

    /**
     * A note at a line with no column, after the include chain the line maps give (gcc's "x.h:141:
     * note: macro "f" defined here", the line quoted over an empty marker line).
     */
    public void noteAtLine(SourceFile file, int line, String message) {
        Span at = new Span(file, file.lineStart(line), file.lineStart(line));
        Runnable r = () -> {
            lineOnlyPending = true;
            try {
                emit(Severity.NOTE, at, at, message, null);
            } finally {
                lineOnlyPending = false;
            }
        };
        holdOrRun(at, r, Severity.NOTE);
    }

    /** A note at {@code at} (the start of a line) whose fix-it inserts {@code inserted} as a new line there. */
    public void noteInsertingLine(Span at, String message, String inserted) {
        Runnable r = () -> {
            richPending = true;
            emit(Severity.NOTE, at, at, message, null);
            richPending = false;
            SourceQuote.insertion(out, at.file(), at.line(), inserted);
        };
        holdOrRun(at, r, Severity.NOTE);
    }

    /** Appends a raw line (e.g. "compilation terminated."). */
    public void raw(String line) {
        out.append(line).append('\n');
    }

    public boolean hasErrors() { return errors > 0; }

    public List<Diagnostic> list() { return List.copyOf(list); }

    /** All diagnostics as gcc printed them, with the -Werror trailer if any warning was promoted. */
    public String render() {
        reachParse(Integer.MAX_VALUE);      // a build that stopped before parsing (a user program's float) still says them
        return promoted ? out + "cc1: some warnings being treated as errors\n" : out.toString();
    }
}
