package dev.kplay.vm;

/*
 * A CPU exception other than a page fault: an invalid opcode (ud2 from BUG()/__builtin_trap(),
 * or a jump into non-code) or a divide error. Raised by the CPU or by a native that detects a
 * kernel bug. Like PageFault it only travels inside the VM and comes out as an Exit.
 */

/** An exception of the CPU; for BUG() the file and line say where it was. */
public final class Trap extends RuntimeException {
    /** The x86 exception: #UD (invalid opcode) or #DE (divide error). */
    public enum Kind { INVALID_OPCODE, DIVIDE_ERROR }

    private final Kind kind;
    private final String file;
    private final int line;
    private final String function;
    /** Kernel frames between the BUG and the caller, innermost first, as the trace lists them. */
    private final java.util.List<String> inner;

    public Trap(Kind kind, String file, int line) {
        this(kind, file, line, null);
    }

    /**
     * A BUG() in kernel code kplay models in Java: {@code file} and {@code line} as the kernel
     * source has them, {@code function} the RIP as the oops prints it ("__kmem_cache_free+0x284/0x2a0").
     */
    public Trap(Kind kind, String file, int line, String function) {
        this(kind, file, line, function, java.util.List.of());
    }

    /** As above, with the kernel functions the BUG() was reached through (innermost first). */
    public Trap(Kind kind, String file, int line, String function, java.util.List<String> inner) {
        super(null, null, false, false);
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.function = function;
        this.inner = inner;
    }

    /** The kernel frames between a modelled BUG() and its caller (empty for most). */
    public java.util.List<String> inner() { return inner; }

    /** Where a BUG() in modelled kernel code was, as the oops's RIP line names it, or null. */
    public String function() { return function; }

    public Kind kind() { return kind; }

    /** The source file of a BUG(), or null. */
    public String file() { return file; }

    /** The source line of a BUG(), or 0. */
    public int line() { return line; }
}
