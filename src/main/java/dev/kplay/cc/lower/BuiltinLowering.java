package dev.kplay.cc.lower;

import dev.kplay.cc.parse.Expr;
import dev.kplay.cc.sema.Type;
import dev.kplay.cc.sema.Types;
import dev.kplay.vm.Op;
import java.util.List;

/**
 * Code for gcc's {@code __builtin_*} functions: compile-time values, va_start/va_arg support,
 * {@code __builtin_trap} as TRAP (gcc's ud2), and the bit-twiddling builtins as short loops.
 */
final class BuiltinLowering {
    private BuiltinLowering() {}

    static void lower(ExprLowerer x, Expr.Call c, String name) {
        Code code = x.code;
        List<Expr> args = c.args();
        Long k = x.typed.constants.get(c);
        if (k != null) {
            code.emit(Op.CONST, k);
            return;
        }
        Integer hidden = x.typed.hiddenUses.get(c);
        if (hidden != null) {
            // answered by the caller (Typed.Hidden): the hidden parameter
            code.emit(Op.LOCAL, x.hiddenOffsets[hidden]);
            code.emit(Op.LD8);
            return;
        }
        String base = name.substring("__builtin_".length());
        switch (base) {
            case "expect", "expect_with_probability", "assume_aligned" -> {
                x.value(args.get(0));
                for (int i = 1; i < args.size(); i++) {
                    x.value(args.get(i));
                    code.emit(Op.DROP);
                }
            }
            case "unreachable" -> code.emit(Op.CONST, 0);
            case "trap" -> {
                code.emit(Op.TRAP, c.span().line());
                code.emit(Op.CONST, 0);
            }
            case "va_start" -> {
                x.addr(args.get(0));
                code.emit(Op.VASTART);
                code.emit(Op.ST8);
                code.emit(Op.DROP);
                code.emit(Op.CONST, 0);
            }
            case "va_end", "prefetch" -> code.emit(Op.CONST, 0);
            case "va_copy" -> {
                x.addr(args.get(0));
                x.value(args.get(1));
                code.emit(Op.ST8);
                code.emit(Op.DROP);
                code.emit(Op.CONST, 0);
            }
            case "return_address", "frame_address", "extract_return_addr" -> code.emit(Op.CONST, 0);
            case "choose_expr" -> {
                Long v = new dev.kplay.cc.sema.ConstEval(x.typed).intValue(args.get(0));
                x.value(args.get(v != null && v == 0 ? 2 : 1));
            }
            case "abs", "labs" -> {
                int t = x.temp();
                x.value(args.get(0));
                store(code, t);
                int end = code.label();
                code.emit(Op.LOCAL, t);
                code.emit(Op.LD8);
                code.emit(Op.DUP);
                code.emit(Op.CONST, 0);
                code.emit(Op.GES);
                code.jump(Op.JNZ, end);
                code.emit(Op.NEG);
                code.place(end);
                x.normalize(x.type(c));
            }
            case "bswap16", "bswap32", "bswap64" -> {
                int bytes = base.equals("bswap16") ? 2 : base.equals("bswap32") ? 4 : 8;
                int t = x.temp();
                x.value(args.get(0));
                store(code, t);
                code.emit(Op.CONST, 0);
                for (int i = 0; i < bytes; i++) {
                    code.emit(Op.LOCAL, t);
                    code.emit(Op.LD8);
                    code.emit(Op.CONST, 8L * i);
                    code.emit(Op.SHRU);
                    code.emit(Op.CONST, 0xff);
                    code.emit(Op.AND);
                    code.emit(Op.CONST, 8L * (bytes - 1 - i));
                    code.emit(Op.SHL);
                    code.emit(Op.OR);
                }
                x.normalize(x.type(c));
            }
            case "popcount", "popcountl", "popcountll", "parity", "parityl", "parityll" -> {
                bitLoop(x, args.get(0), "pop");
                if (base.startsWith("parity")) {
                    code.emit(Op.CONST, 1);
                    code.emit(Op.AND);
                }
            }
            case "ctz", "ctzl", "ctzll" -> bitLoop(x, args.get(0), "ctz");
            case "ffs", "ffsl", "ffsll" -> bitLoop(x, args.get(0), "ffs");
            case "clz", "clzl", "clzll" -> {
                int width = base.equals("clz") ? 32 : 64;
                bitLoop(x, args.get(0), "clz" + width);
            }
            case "add_overflow", "sub_overflow", "mul_overflow" -> overflow(x, c, base);
            default -> throw new IllegalStateException("builtin " + name);
        }
    }

    private static void store(Code code, int temp) {
        code.emit(Op.LOCAL, temp);
        code.emit(Op.SWAP);
        code.emit(Op.ST8);
        code.emit(Op.DROP);
    }

    /**
     * Counting loops over the bits of a value: "pop" counts set bits, "ctz" trailing zeros,
     * "ffs" one plus the index of the lowest set bit (0 for 0), "clzN" leading zeros in N bits.
     */
    private static void bitLoop(ExprLowerer x, Expr arg, String what) {
        Code code = x.code;
        int v = x.temp(), n = x.temp(), i = x.temp();
        Type at = Types.decay(x.type(arg));
        x.value(arg);
        if (Types.isInteger(at) && Types.sizeOf(at) == 4) code.emit(Op.ZEXT, 32);
        store(code, v);
        code.emit(Op.CONST, 0);
        store(code, n);
        code.emit(Op.CONST, 0);
        store(code, i);
        int top = code.label(), done = code.label(), next = code.label();
        int width = what.startsWith("clz") ? Integer.parseInt(what.substring(3)) : 64;
        code.place(top);
        code.emit(Op.LOCAL, i);
        code.emit(Op.LD8);
        code.emit(Op.CONST, width);
        code.emit(Op.GES);
        code.jump(Op.JNZ, done);
        // bit = (v >> (clz ? width-1-i : i)) & 1
        code.emit(Op.LOCAL, v);
        code.emit(Op.LD8);
        if (what.startsWith("clz")) {
            code.emit(Op.CONST, width - 1);
            code.emit(Op.LOCAL, i);
            code.emit(Op.LD8);
            code.emit(Op.SUB);
        } else {
            code.emit(Op.LOCAL, i);
            code.emit(Op.LD8);
        }
        code.emit(Op.SHRU);
        code.emit(Op.CONST, 1);
        code.emit(Op.AND);
        switch (what) {
            case "pop" -> {
                code.emit(Op.LOCAL, n);
                code.emit(Op.LD8);
                code.emit(Op.ADD);
                store(code, n);
            }
            case "ffs" -> {
                code.jump(Op.JZ, next);
                code.emit(Op.LOCAL, i);
                code.emit(Op.LD8);
                code.emit(Op.CONST, 1);
                code.emit(Op.ADD);
                store(code, n);
                code.jump(Op.JMP, done);
            }
            default -> {   // ctz, clz: count until the first set bit
                code.jump(Op.JNZ, done);
                code.emit(Op.LOCAL, n);
                code.emit(Op.LD8);
                code.emit(Op.CONST, 1);
                code.emit(Op.ADD);
                store(code, n);
            }
        }
        code.place(next);
        code.emit(Op.LOCAL, i);
        code.emit(Op.LD8);
        code.emit(Op.CONST, 1);
        code.emit(Op.ADD);
        store(code, i);
        code.jump(Op.JMP, top);
        code.place(done);
        code.emit(Op.LOCAL, n);
        code.emit(Op.LD8);
    }

    /**
     * {@code __builtin_add_overflow(a, b, res)}: stores the wrapped result, pushes 1 on overflow.
     * For a result narrower than 64 bits the 64-bit value is compared with the stored one; for a
     * 64-bit result the carry is recovered: an unsigned sum below an operand, a product that does
     * not divide back to its factor.
     */
    private static void overflow(ExprLowerer x, Expr.Call c, String base) {
        Code code = x.code;
        List<Expr> args = c.args();
        Type rt = ((Type.Ptr) Types.decay(x.type(args.get(2)))).base();
        boolean wide = Types.sizeOf(rt) == 8;
        boolean unsigned = Types.isUnsigned(rt);
        int full = x.temp();
        int a = x.temp();
        int b = x.temp();
        x.value(args.get(0));
        store(code, a);
        x.value(args.get(1));
        store(code, b);
        load(code, a);
        load(code, b);
        code.emit(base.startsWith("add") ? Op.ADD : base.startsWith("sub") ? Op.SUB : Op.MUL);
        store(code, full);
        x.value(args.get(2));
        load(code, full);
        x.normalize(rt);
        x.store(rt);
        if (!wide) {
            load(code, full);
            code.emit(Op.NE);
            return;
        }
        code.emit(Op.DROP);
        if (base.startsWith("mul")) {
            // a != 0 && full / a != b
            load(code, a);
            code.emit(Op.CONST, 0);
            code.emit(Op.NE);
            load(code, full);
            load(code, a);
            load(code, a);
            code.emit(Op.CONST, 0);
            code.emit(Op.EQ);
            code.emit(Op.OR);
            code.emit(unsigned ? Op.DIVU : Op.DIVS);
            load(code, b);
            code.emit(Op.NE);
            code.emit(Op.AND);
        } else if (unsigned) {
            // add: full < a; sub: a < b
            load(code, base.startsWith("add") ? full : a);
            load(code, base.startsWith("add") ? a : b);
            code.emit(Op.LTU);
        } else {
            // signed: the operands' signs agree (add) or differ (sub) and the result's sign differs from a's
            load(code, a);
            load(code, b);
            code.emit(Op.XOR);
            if (base.startsWith("add")) {
                code.emit(Op.NOT);
            }
            load(code, a);
            load(code, full);
            code.emit(Op.XOR);
            code.emit(Op.AND);
            code.emit(Op.CONST, 0);
            code.emit(Op.LTS);
        }
    }

    private static void load(Code code, int temp) {
        code.emit(Op.LOCAL, temp);
        code.emit(Op.LD8);
    }
}
