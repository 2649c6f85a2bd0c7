package dev.kplay.vm;

/*
 * How a native that called back into module code (Kernel.callModule) reports that the callee did
 * not return: it faulted, trapped or overflowed the stack. The CPU ends the outer run with the
 * callee's exit, so the kernel handles it as it would the same fault in the caller's own code.
 */

/** Thrown by a native whose nested module call ended with {@code exit} instead of returning. */
public final class NestedExit extends RuntimeException {
    private final transient Exit exit;

    public NestedExit(Exit exit) {
        super(null, null, false, false);
        this.exit = exit;
    }

    public Exit exit() {
        return exit;
    }
}
