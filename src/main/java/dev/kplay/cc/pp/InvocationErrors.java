package dev.kplay.cc.pp;

import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;

/*
 * libcpp's errors for a function-like macro's invocation, as Debian 12's gcc prints them: a wrong
 * number of arguments at the last token read from a file (the closing parenthesis; pr_info's when
 * the invocation sits in its arguments), with the note "macro "F" defined here" at the #define's
 * line and no column; an unterminated argument list at the end of the input. The arguments read
 * are gone, and the name goes on alone (the Preprocessor does that). In the main file, they wait
 * for the parser to reach them, so they are said in the function and order gcc says them in.
 */

/** The diagnostics of a failed macro invocation. */
final class InvocationErrors {
    private final Preprocessor pp;

    InvocationErrors(Preprocessor pp) {
        this.pp = pp;
    }

    /** {@code message}: requires N / passed N arguments; at: the last token read from a file. */
    void wrongCount(Macro m, String message, Span at) {
        SourceFile def = m.where().file();
        int defLine = m.where().line();
        String note = "macro \"" + m.name() + "\" defined here";
        say(at, () -> {
            pp.report(Severity.ERROR, at, message);
            pp.diags.noteAtLine(def, defLine, note);          // the line maps know where def was included
        });
    }

    /** The input ended inside the arguments of {@code name}; {@code last}: the last token read. */
    void unterminated(String name, Span last) {
        Span end = new Span(last.file(), last.end(), last.end());
        say(end, () -> pp.report(Severity.ERROR, end, "unterminated argument list invoking macro \"" + name + "\""));
    }

    private void say(Span at, Runnable report) {
        if (at.file() == pp.mainFile()) {
            pp.diags.deferToParse(at.start(), Math.min(pp.invocationStart, at.start()), report);
        } else {
            report.run();
        }
    }
}
