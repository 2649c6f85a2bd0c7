package dev.kplay.vm;

import java.util.List;

/*
 * What the interpreter needs of a compiled function, and nothing of the object file around it:
 * the code, the frame, where arguments land, and the byte offsets and source lines for an oops.
 * ko.Function (a function as the .ko file stores it) is the implementation; keeping this
 * interface in vm lets ko depend on vm and not the reverse, as the ISA sits below the object format.
 */

/** A function as the interpreter sees it. */
public interface Routine {
    String name();

    /** Byte size of the function in its section (plausible x86 size). */
    int size();

    /** Bytes of locals on the kernel stack. */
    int frameSize();

    boolean variadic();

    List<Insn> code();

    /** Byte offset of each instruction from the function's start, or null to estimate. */
    int[] pcOffsets();

    /** Source line of each instruction, or null. */
    int[] lines();

    int paramCount();

    /** Frame offset where argument k is stored on entry. */
    int paramOffset(int k);

    /** Width in bytes (1, 2, 4 or 8) of argument k. */
    int paramSize(int k);

    /** A function gcc would have inlined (static inline, or called once): no frame of its own in call traces. */
    default boolean inlined() { return false; }

    /** The call instructions (ascending indices) gcc would make sibling calls (a jump): no frame in call traces while their callee runs. */
    default int[] tailCalls() { return null; }

    /** The calls (ascending indices) gcc would place in the function's .cold part: its frame is "name.cold" while their callee runs. */
    default int[] coldCalls() { return null; }
}
