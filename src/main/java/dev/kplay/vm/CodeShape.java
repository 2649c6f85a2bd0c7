package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;

import java.util.Arrays;

/*
 * What the compiling tier must know about a function before it translates it, found by one pass
 * of abstract interpretation over the stack code:
 *
 *  - the operand-stack depth at each instruction (the code generator keeps stack slot i in JVM
 *    local i, so every path into an instruction must arrive with the same depth);
 *  - the basic blocks: a block is charged to the budget as a whole at its start, so the compiled
 *    code checks the budget once per block and still stops where the interpreter would;
 *  - the entry points, where the interpreter may hand a frame to compiled code: the start, loop
 *    heads (targets of backward jumps) and the instruction after each call;
 *  - which locals can live in JVM locals: a frame slot whose address (LOCAL a) is only ever used
 *    directly by a load or store of one width, never stored, passed, compared or kept across a
 *    block boundary. Promotion is only a speed decision: the compiled code writes promoted locals
 *    back to the frame before anything that could look at frame memory, so a wild pointer into the
 *    frame still sees (and changes) exactly what the interpreter would. A promoted local the
 *    function never stores to (a parameter it only reads) always equals its frame memory (it is
 *    reloaded after every call and at every entry), so it is never written back.
 *
 * A function whose code breaks the rules the interpreter relies on (a jump out of range, a stack
 * underflow, paths of different depth) gets no shape: it stays interpreted, and the interpreter
 * raises #UD where it goes wrong.
 */

/** The static facts the translator needs about one function, or null from {@link #of} if it must stay interpreted. */
record CodeShape(int[] depth, boolean[] leader, int[] blockLength, boolean[] entry, int maxDepth,
                 int[] directOffset, int[] promotedOffsets, int[] promotedSizes, boolean[] promotedStored) {

    static final int UNKNOWN = Integer.MIN_VALUE;
    /** More instructions than this and the JVM method would get too large for HotSpot to compile well. */
    static final int MAX_INSNS = 600;
    private static final int MAX_PROMOTED = 48;

    /** The shape of c's code, or null if c must stay interpreted. */
    static CodeShape of(Code c) {
        int n = c.ops.length;
        if (n == 0 || n > MAX_INSNS) {
            return null;
        }
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        int[] work = new int[n + 1];
        int top = 0;
        depth[0] = 0;
        work[top++] = 0;
        int maxDepth = 0;
        boolean[] leader = new boolean[n];
        boolean[] entry = new boolean[n];
        leader[0] = true;
        entry[0] = true;
        while (top > 0) {
            int pc = work[--top];
            int op = c.ops[pc];
            int d = depth[pc];
            int need = need(op, c.bs[pc]);
            if (need < 0 || d < need) {
                return null;
            }
            int after = d + effect(op, c.bs[pc]);
            maxDepth = Math.max(maxDepth, Math.max(d, after));
            if (op == SYM || op == CALL) {
                long a = c.as[pc];
                if (a < 0 || a >= c.symbols.length) {
                    return null;
                }
            }
            if (op == JMP || op == JZ || op == JNZ) {
                long t = c.as[pc];
                if (t < 0 || t >= n) {
                    return null;
                }
                int target = (int) t;
                leader[target] = true;
                if (target <= pc) {
                    entry[target] = true;
                }
                top = flow(depth, work, top, target, after);
                if (top < 0) {
                    return null;
                }
            }
            if (op == JMP || op == JZ || op == JNZ || op == RET || op == TRAP || op == CALL || op == CALLI) {
                if (pc + 1 < n) {
                    leader[pc + 1] = true;
                }
            }
            if ((op == CALL || op == CALLI) && pc + 1 < n) {
                entry[pc + 1] = true;
            }
            if (op != JMP && op != RET && op != TRAP) {
                if (pc + 1 >= n) {
                    return null;
                }
                top = flow(depth, work, top, pc + 1, after);
                if (top < 0) {
                    return null;
                }
            }
        }
        for (int pc = 0; pc < n; pc++) {
            if (entry[pc] && depth[pc] < 0) {
                entry[pc] = false;
            }
        }
        int[] blockLength = new int[n];
        for (int pc = n - 1, len = 0; pc >= 0; pc--) {
            len = depth[pc] < 0 ? 0 : len + 1;
            if (pc + 1 < n && leader[pc + 1] && depth[pc] >= 0) {
                len = 1;
            }
            blockLength[pc] = len;
        }
        int[] direct = new int[n];
        Arrays.fill(direct, UNKNOWN);
        int[][] promoted = promote(c, depth, leader, direct);
        boolean[] stored = new boolean[promoted[0].length];
        for (int pc = 0; pc < n; pc++) {
            if (isStore(c.ops[pc]) && direct[pc] != UNKNOWN) {
                for (int j = 0; j < stored.length; j++) {
                    stored[j] |= promoted[0][j] == direct[pc];
                }
            }
        }
        return new CodeShape(depth, leader, blockLength, entry, maxDepth, direct, promoted[0], promoted[1], stored);
    }

    /** Records depth d at target and queues it if new; the new queue top, or -1 if target had another depth. */
    private static int flow(int[] depth, int[] work, int top, int target, int d) {
        if (depth[target] >= 0) {
            return depth[target] == d ? top : -1;
        }
        depth[target] = d;
        work[top] = target;
        return top + 1;
    }

    /** Operands op pops (b is the argument count of a call); -1 for an unknown opcode. */
    static int need(int op, int b) {
        return switch (op) {
            case CONST, LOCAL, SYM, VASTART, JMP, TRAP, LINE -> 0;
            case LD1S, LD1U, LD2S, LD2U, LD4S, LD4U, LD8, DUP, DROP, ZERO, NEG, NOT, LNOT, SEXT, ZEXT, JZ, JNZ, RET -> 1;
            case ST1, ST2, ST4, ST8, COPY, SWAP, ADD, SUB, MUL, DIVS, DIVU, REMS, REMU, AND, OR, XOR, SHL, SHRS, SHRU,
                 EQ, NE, LTS, LTU, LES, LEU, GTS, GTU, GES, GEU -> 2;
            case CALL -> b < 0 ? -1 : b;
            case CALLI -> b < 0 ? -1 : b + 1;
            default -> -1;
        };
    }

    /** How op changes the stack depth. */
    static int effect(int op, int b) {
        return switch (op) {
            case CONST, LOCAL, SYM, VASTART, DUP -> 1;
            case ST1, ST2, ST4, ST8, COPY, ZERO, DROP, ADD, SUB, MUL, DIVS, DIVU, REMS, REMU, AND, OR, XOR, SHL, SHRS,
                 SHRU, EQ, NE, LTS, LTU, LES, LEU, GTS, GTU, GES, GEU, JZ, JNZ, RET -> -1;
            case CALL -> 1 - b;
            case CALLI -> -b;
            default -> 0;
        };
    }

    /** Width in bytes of a load or store op, or 0. */
    static int width(int op) {
        return switch (op) {
            case LD1S, LD1U, ST1 -> 1;
            case LD2S, LD2U, ST2 -> 2;
            case LD4S, LD4U, ST4 -> 4;
            case LD8, ST8 -> 8;
            default -> 0;
        };
    }

    private static boolean isStore(int op) {
        return op == ST1 || op == ST2 || op == ST4 || op == ST8;
    }

    /**
     * Finds, by a forward dataflow over the stack, which slots hold a known frame address (fp + a)
     * on every path; fills direct[pc] for loads and stores whose address is one; returns the
     * promotable slots. If any frame address escapes (stored, passed, used in arithmetic), nothing
     * is promoted: the frame may then be reached through pointers.
     */
    private static int[][] promote(Code c, int[] depth, boolean[] leader, int[] direct) {
        int n = c.ops.length;
        int[][] in = new int[n][];
        in[0] = new int[0];
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        work.add(0);
        while (!work.isEmpty()) {
            int pc = work.poll();
            int[] out = step(c, pc, in[pc], null, null, null);
            for (int s : successors(c, pc)) {
                if (in[s] == null) {
                    in[s] = out.clone();
                    work.add(s);
                } else if (meet(in[s], out)) {
                    work.add(s);
                }
            }
        }
        java.util.Map<Integer, Integer> width = new java.util.TreeMap<>();
        java.util.Set<Integer> escaped = new java.util.HashSet<>();
        for (int pc = 0; pc < n; pc++) {
            if (in[pc] != null) {
                step(c, pc, in[pc], direct, width, escaped);
            }
        }
        if (!escaped.isEmpty()) {
            Arrays.fill(direct, UNKNOWN);
            return new int[][] {new int[0], new int[0]};
        }
        int[] offs = new int[MAX_PROMOTED];
        int[] sizes = new int[MAX_PROMOTED];
        int count = 0;
        Integer[] all = width.keySet().toArray(new Integer[0]);
        for (int i = 0; i < all.length && count < MAX_PROMOTED; i++) {
            int off = all[i];
            int w = width.get(off);
            if (w <= 0 || off < 0 || off + w > c.frameSize) {
                continue;
            }
            boolean overlaps = (i > 0 && reach(all[i - 1], width.get(all[i - 1])) > off)
                    || (i + 1 < all.length && off + w > all[i + 1]);
            if (!overlaps) {
                offs[count] = off;
                sizes[count] = w;
                count++;
            }
        }
        int[] promotedOffs = Arrays.copyOf(offs, count);
        for (int pc = 0; pc < n; pc++) {
            int off = direct[pc];
            if (off != UNKNOWN && Arrays.stream(promotedOffs).noneMatch(o -> o == off)) {
                direct[pc] = UNKNOWN;
            }
        }
        return new int[][] {promotedOffs, Arrays.copyOf(sizes, count)};
    }

    private static int[] successors(Code c, int pc) {
        int op = c.ops[pc];
        int t = (int) c.as[pc];
        return switch (op) {
            case JMP -> new int[] {t};
            case JZ, JNZ -> new int[] {t, pc + 1};
            case RET, TRAP -> new int[0];
            default -> new int[] {pc + 1};
        };
    }

    /** Meets out into into (slots that disagree become unknown); true if into changed. */
    private static boolean meet(int[] into, int[] out) {
        boolean changed = false;
        for (int i = 0; i < into.length; i++) {
            if (into[i] != out[i] && into[i] != UNKNOWN) {
                into[i] = UNKNOWN;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * The abstract stack after pc given the one before (a frame offset per slot, or UNKNOWN). With
     * non-null direct/width/escaped it also records how each frame address is used.
     */
    private static int[] step(Code c, int pc, int[] before, int[] direct, java.util.Map<Integer, Integer> width,
                              java.util.Set<Integer> escaped) {
        int op = c.ops[pc];
        int d = before.length;
        int after = d + effect(op, c.bs[pc]);
        int[] sym = Arrays.copyOf(before, Math.max(d, after));
        boolean record = direct != null;
        int w = width(op);
        if (op == LOCAL) {
            sym[d] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, c.as[pc]));
            if (record) {
                width.putIfAbsent(sym[d], 0);
            }
        } else if (op == DUP) {
            sym[d] = sym[d - 1];
        } else if (op == SWAP) {
            int t = sym[d - 1];
            sym[d - 1] = sym[d - 2];
            sym[d - 2] = t;
        } else if (op == DROP) {
            sym[d - 1] = UNKNOWN;
        } else if (w > 0 && !isStore(op)) {
            if (record && sym[d - 1] != UNKNOWN) {
                direct[pc] = sym[d - 1];
                use(width, escaped, sym[d - 1], w);
            }
            sym[d - 1] = UNKNOWN;
        } else if (isStore(op)) {
            if (record && sym[d - 1] != UNKNOWN) {
                escaped.add(sym[d - 1]);
            }
            if (record && sym[d - 2] != UNKNOWN) {
                direct[pc] = sym[d - 2];
                use(width, escaped, sym[d - 2], w);
            }
            sym[d - 2] = UNKNOWN;
            sym[d - 1] = UNKNOWN;
        } else {
            int pops = need(op, c.bs[pc]);
            for (int i = d - pops; i < d; i++) {
                if (record && sym[i] != UNKNOWN) {
                    escaped.add(sym[i]);
                }
                sym[i] = UNKNOWN;
            }
            for (int i = d - pops; i < after; i++) {
                sym[i] = UNKNOWN;
            }
        }
        return Arrays.copyOf(sym, after);
    }

    /** The first byte past a slot of width w at off (an address-taken slot of unknown width reaches 1 byte). */
    private static long reach(int off, int w) {
        return (long) off + Math.max(1, w);
    }

    private static void use(java.util.Map<Integer, Integer> width, java.util.Set<Integer> escaped, int off, int w) {
        Integer seen = width.get(off);
        if (seen == null || seen == 0) {
            width.put(off, w);
        } else if (seen != w) {
            escaped.add(off);
        }
    }


    /** Index of the promoted slot at frame offset off, or -1. */
    int promotedIndex(int off) {
        for (int i = 0; i < promotedOffsets.length; i++) {
            if (promotedOffsets[i] == off) {
                return i;
            }
        }
        return -1;
    }
}
