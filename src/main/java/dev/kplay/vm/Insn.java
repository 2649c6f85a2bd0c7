package dev.kplay.vm;

/** One instruction of a module function. See {@link Op} for what {@code a} and {@code b} mean. */
public record Insn(Op op, long a, int b) {
    public static Insn of(Op op) { return new Insn(op, 0, 0); }
    public static Insn of(Op op, long a) { return new Insn(op, a, 0); }

    @Override
    public String toString() {
        return a == 0 && b == 0 ? op.name() : b == 0 ? op + " " + a : op + " " + a + "," + b;
    }
}
