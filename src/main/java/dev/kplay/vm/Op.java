package dev.kplay.vm;

/**
 * The instruction set of kplay's CPU: the contract between the toolchain's code generator
 * ({@code cc.lower}) and the interpreter ({@code vm}), as the x86-64 ISA is between gcc and the CPU.
 *
 * <p>A stack machine over 64-bit two's-complement values. Each instruction is an {@link Insn}
 * {@code (op, a, b)}; the columns below say what {@code a} and {@code b} mean and what the
 * instruction pops and pushes (top of stack last). Values narrower than 64 bits live
 * sign- or zero-extended in a 64-bit slot, as the code generator chooses with SEXT/ZEXT.
 *
 * <p>Why a stack machine: it makes the code generator a plain tree walk (like chibicc's codegen
 * with push/pop), and the interpreter a single switch. Locals live in real memory on the task's
 * kernel stack (addressed by LOCAL), so {@code &x} works and deep recursion overflows the stack
 * the way it does in a kernel.
 */
public enum Op {
    // ---- values and addresses ----------------------------------------------------------
    /** push a. */
    CONST,
    /** push fp + a: the address of a local or parameter at byte offset a in the frame. */
    LOCAL,
    /** push address(symbol #a of the image) + b. Resolved by the module loader. */
    SYM,

    // ---- memory: loads pop an address and push the value; stores pop value then address ----
    LD1S, LD1U, LD2S, LD2U, LD4S, LD4U, LD8,
    /** pop value, pop address, store the low bytes, push value back (C assignment is an expression). */
    ST1, ST2, ST4, ST8,
    /** pop src, pop dst, copy a bytes from src to dst (struct assignment); push dst. */
    COPY,
    /** pop dst, zero a bytes at dst (= {} initializers); push nothing. */
    ZERO,

    // ---- stack shuffling ----------------------------------------------------------------
    DUP, DROP, SWAP,

    // ---- integer arithmetic: pop y, pop x, push x OP y -----------------------------------
    ADD, SUB, MUL, DIVS, DIVU, REMS, REMU, AND, OR, XOR, SHL, SHRS, SHRU,
    EQ, NE, LTS, LTU, LES, LEU, GTS, GTU, GES, GEU,
    /** unary: pop x, push -x / ~x / !x. */
    NEG, NOT, LNOT,
    /** pop x, push x sign-extended from its low a bits (a = 8, 16 or 32). */
    SEXT,
    /** pop x, push x zero-extended from its low a bits (a = 1 (bool: x != 0), 8, 16 or 32). */
    ZEXT,

    // ---- control --------------------------------------------------------------------------
    /** jump to instruction index a of this function. */
    JMP,
    /** pop x; jump to a if x == 0. */
    JZ,
    /** pop x; jump to a if x != 0. */
    JNZ,
    /**
     * Call symbol #a of the image with b arguments: pops b values (the first argument deepest),
     * pushes the return value (0 for void functions). The callee may be module code or an
     * exported kernel function.
     */
    CALL,
    /** Indirect call with b arguments: pops the b arguments, then the target address; pushes the result. */
    CALLI,
    /** pop the return value and return to the caller (void functions push 0 first). */
    RET,
    /**
     * Variadic access inside a variadic module function: push the address of the first variadic
     * argument's save area (a va_list is a pointer that steps 8 bytes per argument).
     */
    VASTART,
    /** An instruction gcc would emit as ud2: __builtin_trap(), BUG(). a = source line, b = 0. */
    TRAP,
    /** Does nothing; keeps a source line (a) for call traces and oops RIP offsets. */
    LINE
}
