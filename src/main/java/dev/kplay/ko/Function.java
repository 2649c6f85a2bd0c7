package dev.kplay.ko;

import dev.kplay.vm.Insn;
import dev.kplay.vm.Routine;

import java.util.List;

/**
 * A compiled function: its code, and how it sits in its section.
 *
 * <p>The function occupies {@code size} bytes at {@code offset} in section {@code section}
 * (".text", ".init.text", ".exit.text"), so it has a real address once loaded: a function pointer
 * is that address, kallsyms prints {@code name+off/size}, and freeing .init.text makes calling it a
 * page fault. {@code size} is a plausible x86 byte size (the toolchain estimates it from the code);
 * instruction i sits at byte {@code offset + pcOffsets[i]} of the section, for RIP in an oops.
 *
 * <p>The frame: {@code frameSize} bytes of locals on the kernel stack (16-byte aligned).
 * On entry the interpreter stores argument k into the frame at {@code params.get(k).offset()}
 * with width {@code params.get(k).size()} (1, 2, 4 or 8). A variadic function gets its
 * extra arguments in a save area VASTART points at.
 *
 * <p>{@code inlined}: a static inline function of a header, which gcc -O2 compiles into each caller
 * and kplay keeps as a function of its own: call traces leave its frames out, as Linux's have none.
 *
 * <p>{@code tailCalls}: the indices (ascending) of the call instructions gcc -O2 would compile to a
 * jump (a sibling call: the callee returns straight to this function's caller), so that this
 * function has no frame while its callee runs, and call traces leave it out as Linux's do.
 *
 * <p>{@code coldCalls}: the call instructions (ascending) to a {@code __cold} function (dump_stack,
 * printk, panic) inside a branch of a function that is not cold itself, which gcc -O2 moves to the
 * function's {@code .cold} part: a trace taken in the callee names the caller {@code name.cold}.
 * A function that is cold itself (an {@code __init} one) has {@link #WHOLLY_COLD}: gcc moves none of
 * it, and an inline function's cold calls stay in it too.
 *
 * <p>Structs by value (the compiler's convention, which kernel code calling module functions must
 * follow): a struct argument is passed as the address of the caller's object (an 8-byte param; the
 * callee copies it into its own frame); a function returning a struct takes a hidden first argument,
 * the address of the caller's result buffer, and returns that address. Integer results are returned
 * sign- or zero-extended from their C type's width.
 */
public record Function(String name, String section, int offset, int size, boolean global, boolean variadic,
                       List<Param> params, int frameSize, List<Insn> code, int[] pcOffsets, int[] lines, boolean inlined,
                       int[] tailCalls, int[] coldCalls)
        implements Routine {
    /** The coldCalls of a function that is cold itself: nothing of it goes to a .cold part. */
    public static final int[] WHOLLY_COLD = {-1};

    private static final int[] NONE = {};

    /** A function gcc keeps out of line (see {@link #inlined}), with no sibling calls. */
    public Function(String name, String section, int offset, int size, boolean global, boolean variadic,
                    List<Param> params, int frameSize, List<Insn> code, int[] pcOffsets, int[] lines) {
        this(name, section, offset, size, global, variadic, params, frameSize, code, pcOffsets, lines, false, NONE, NONE);
    }

    /** The same function placed elsewhere or with its symbols renumbered: {@code code} is f's, instruction for instruction. */
    public Function(Function f, int offset, List<Insn> code) {
        this(f.name, f.section, offset, f.size, f.global, f.variadic, f.params, f.frameSize, code, f.pcOffsets, f.lines,
                f.inlined, f.tailCalls, f.coldCalls);
    }

    /** Where argument k lands in the frame. */
    public record Param(int offset, int size) {}

    @Override public int paramCount() { return params.size(); }

    @Override public int paramOffset(int k) { return params.get(k).offset(); }

    @Override public int paramSize(int k) { return params.get(k).size(); }
}
