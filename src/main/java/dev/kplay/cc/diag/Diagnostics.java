package dev.kplay.cc.diag;

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
        if (severity == Severity.WARNING && option != null && werror.contains(option)) {
            severity = Severity.ERROR;
            message = message + " [-Werror=" + option + "]";
            promoted = true;
        } else if (option != null) {
            message = message + " [-W" + option + "]";
        }
        SourceFile file = span.file();
        if (severity != Severity.NOTE) {
            // gcc announces the context when it differs from the last one announced: "In function"
            // for a function, "At top level" when file scope follows a function.
            String context = function == null ? "" : function;
            if (!context.equals(printedContext)) {
                if (function != null) {
                    out.append(file.name()).append(": In function ‘").append(function).append("’:\n");
                } else if (anyPrinted && printedContext != null && !printedContext.isEmpty()) {
                    out.append(file.name()).append(": At top level:\n");
                }
                printedContext = context;
            }
            anyPrinted = true;
        }
        int line = span.line();
        int col = span.column();
        out.append(file.name()).append(':').append(line).append(':').append(col).append(": ")
           .append(severity.label()).append(": ").append(message).append('\n');
        quote(file, span, line, col);
        list.add(new Diagnostic(file.name(), line, col, severity.label(), message));
        if (severity == Severity.ERROR || severity == Severity.FATAL) {
            errors++;
        }
        return severity;
    }

    /** Appends a raw line (e.g. "compilation terminated."). */
    public void raw(String line) {
        out.append(line).append('\n');
    }

    private void quote(SourceFile file, Span span, int line, int col) {
        String src = expandTabs(file.lineText(line));
        out.append(String.format("%5d | ", line)).append(src).append('\n');
        int endCol = col;
        if (span.end() > span.start() && file.line(span.end() - 1) == line) {
            endCol = file.column(span.end() - 1);
        }
        StringBuilder caret = new StringBuilder("      | ");
        caret.append(" ".repeat(Math.max(0, col - 1))).append('^');
        if (endCol > col) {
            caret.append("~".repeat(endCol - col));
        }
        out.append(caret).append('\n');
    }

    static String expandTabs(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                int n = 8 - b.length() % 8;
                b.append(" ".repeat(n));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public boolean hasErrors() { return errors > 0; }

    public List<Diagnostic> list() { return List.copyOf(list); }

    /** All diagnostics as gcc printed them, with the -Werror trailer if any warning was promoted. */
    public String render() {
        return promoted ? out + "cc1: some warnings being treated as errors\n" : out.toString();
    }
}
