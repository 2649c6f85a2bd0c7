package dev.kplay.userland.sh;

import dev.kplay.userland.Input;
import dev.kplay.userland.Sink;
import dev.kplay.userland.sh.Ast.Case;
import dev.kplay.userland.sh.Ast.CaseItem;
import dev.kplay.userland.sh.Ast.Compound;
import dev.kplay.userland.sh.Ast.For;
import dev.kplay.userland.sh.Ast.Group;
import dev.kplay.userland.sh.Ast.If;
import dev.kplay.userland.sh.Ast.Job;
import dev.kplay.userland.sh.Ast.Loop;
import dev.kplay.userland.sh.Ast.Subshell;
import dev.kplay.userland.sh.Ast.Word;
import java.util.List;

/*
 * How bash runs its compound commands: if/while/until/for/case/{ } run their lists in the shell
 * itself (so cd and variables stick), ( ) in a copy of it. A compound's redirections apply to every
 * command inside; its stdin is shared, so "while read" consumes one line per turn. break and
 * continue unwind to the enclosing loop as a {@link LoopControl} carrying how many levels remain.
 * A list that leaves a process blocked in the kernel stops the whole line (Outcome.running).
 */

/** Runs compound commands for a {@link Shell}. */
final class Compounds {
    /** break N / continue N on its way out to the N-th enclosing loop. */
    static final class LoopControl extends RuntimeException {
        final boolean isBreak;
        int levels;

        LoopControl(boolean isBreak, int levels) {
            super(null, null, false, false);
            this.isBreak = isBreak;
            this.levels = levels;
        }
    }

    private final Shell shell;
    /** Loops entered and not yet left (break outside one is bash's "only meaningful" error). */
    private int loopDepth;

    Compounds(Shell shell) {
        this.shell = shell;
    }

    int loopDepth() {
        return loopDepth;
    }

    /** Runs {@code c} with stdin {@code in}; its own redirections are opened by the shell process. */
    Shell.Outcome run(Compound c, Input in, Sink out, Sink err) {
        Stdio io = shell.openStdio(c.redirects(), shell.pid(), in, out, err);
        if (io == null) {
            return new Shell.Outcome(1, null, 0);
        }
        try {
            if (c.body() instanceof If f) {
                return runIf(f, io);
            } else if (c.body() instanceof Loop l) {
                return runLoop(l, io);
            } else if (c.body() instanceof For f) {
                return runFor(f, io);
            } else if (c.body() instanceof Case k) {
                return runCase(k, io);
            } else if (c.body() instanceof Group g) {
                return shell.runJobs(g.body(), io.stdin(), io.out(), io.err());
            }
            Subshell s = (Subshell) c.body();
            return shell.subshells.runSubshell(s.body(), io.stdin(), io.out(), io.err());
        } finally {
            io.close();
        }
    }

    private Shell.Outcome runIf(If f, Stdio io) {
        for (int i = 0; i < f.conditions().size(); i++) {
            Shell.Outcome cond = shell.runJobs(f.conditions().get(i), io.stdin(), io.out(), io.err());
            if (cond.running()) {
                return cond;
            }
            if (cond.status() == 0) {
                return shell.runJobs(f.branches().get(i), io.stdin(), io.out(), io.err());
            }
        }
        return f.orElse().isEmpty() ? shell.ok() : shell.runJobs(f.orElse(), io.stdin(), io.out(), io.err());
    }

    private Shell.Outcome runLoop(Loop l, Stdio io) {
        Shell.Outcome last = shell.ok();
        loopDepth++;
        try {
            while (true) {
                Shell.Outcome cond = shell.runJobs(l.condition(), io.stdin(), io.out(), io.err());
                if (cond.running() || shell.abandoned()) {
                    return cond;
                }
                if ((cond.status() == 0) == l.until()) {
                    return shell.ok(last);
                }
                try {
                    last = shell.runJobs(l.body(), io.stdin(), io.out(), io.err());
                } catch (LoopControl lc) {
                    if (--lc.levels > 0) {
                        throw lc;
                    }
                    if (lc.isBreak) {
                        return shell.ok();
                    }
                }
                if (last.running() || shell.abandoned()) {
                    return last;
                }
            }
        } finally {
            loopDepth--;
        }
    }

    private Shell.Outcome runFor(For f, Stdio io) {
        List<String> items = f.items() == null ? List.of() : shell.expand(f.items(), io.err());
        Shell.Outcome last = shell.ok();
        loopDepth++;
        try {
            for (String item : items) {
                shell.setVariable(f.name(), item);
                try {
                    last = shell.runJobs(f.body(), io.stdin(), io.out(), io.err());
                } catch (LoopControl lc) {
                    if (--lc.levels > 0) {
                        throw lc;
                    }
                    if (lc.isBreak) {
                        return shell.ok();
                    }
                }
                if (last.running() || shell.abandoned()) {
                    return last;
                }
            }
            return shell.ok(last);
        } finally {
            loopDepth--;
        }
    }

    private Shell.Outcome runCase(Case k, Stdio io) {
        String subject = String.join(" ", shell.expand(List.of(k.subject()), io.err()));
        for (CaseItem item : k.items()) {
            for (Word w : item.patterns()) {
                if (shell.expander(io.err()).patternRegex(w).matcher(subject).matches()) {
                    return item.body().isEmpty() ? shell.ok() : shell.runJobs(item.body(), io.stdin(), io.out(), io.err());
                }
            }
        }
        return shell.ok();
    }
}
