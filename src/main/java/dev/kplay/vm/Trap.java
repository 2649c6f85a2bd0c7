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

    public Trap(Kind kind, String file, int line) {
        super(null, null, false, false);
        this.kind = kind;
        this.file = file;
        this.line = line;
    }

    public Kind kind() { return kind; }

    /** The source file of a BUG(), or null. */
    public String file() { return file; }

    /** The source line of a BUG(), or 0. */
    public int line() { return line; }
}
