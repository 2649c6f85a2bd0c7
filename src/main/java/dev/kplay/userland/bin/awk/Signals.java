package dev.kplay.userland.bin.awk;

/*
 * The ways control leaves an awk statement early: next, exit, break, continue and return, each an
 * unchecked exception the interpreter throws where the statement runs and catches where it ends
 * (Awk's rule loop for next and exit, the loop for break and continue, the call for return), and
 * the run-time error that ends the program as mawk reports it. They carry no stack trace: they are
 * control flow, thrown often (every next), not failures of kplay. Split out of Interpreter so the
 * interpreter reads as statements and expressions.
 */

/** Control-flow signals and the run-time error of an awk program. */
final class Signals {
    private Signals() {
    }

    /** A run-time error: mawk prints "run time error: MSG" and the record position, and exits 2. */
    static final class RuntimeError extends RuntimeException {
        RuntimeError(String message) {
            super(message, null, false, false);
        }
    }

    static final class NextSignal extends RuntimeException {
        NextSignal() { super(null, null, false, false); }
    }

    static final class ExitSignal extends RuntimeException {
        final int status;

        ExitSignal(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static final class BreakSignal extends RuntimeException {
        BreakSignal() { super(null, null, false, false); }
    }

    static final class ContinueSignal extends RuntimeException {
        ContinueSignal() { super(null, null, false, false); }
    }

    static final class ReturnSignal extends RuntimeException {
        final Value value;

        ReturnSignal(Value value) {
            super(null, null, false, false);
            this.value = value;
        }
    }
}
