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

    public Trap(Kind kind, String file, int line) {
        this(kind, file, line, null);
    }

    /**
     * A BUG() in kernel code kplay models in Java: {@code file} and {@code line} as the kernel
     * source has them, {@code function} the RIP as the oops prints it ("__kmem_cache_free+0x284/0x2a0").
     */
    public Trap(Kind kind, String file, int line, String function) {
        super(null, null, false, false);
        this.kind = kind;
        this.file = file;
        this.line = line;
        this.function = function;
    }

    /** Where a BUG() in modelled kernel code was, as the oops's RIP line names it, or null. */
    public String function() { return function; }

    public Kind kind() { return kind; }

    /** The source file of a BUG(), or null. */
    public String file() { return file; }

    /** The source line of a BUG(), or 0. */
    public int line() { return line; }
}
