package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;
import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/*
 * The code of each kplay instruction in a translated function (see Translator): a basic block's
 * start charges the block's length to the budget (or hands the frame to the interpreter at the
 * block when the budget cannot pay), then each instruction works on its operand-stack slots in
 * JVM locals; the ones that touch memory or call are AccessEmitter's. An instruction that can
 * fault lies between its own start and end labels, whose exception handler Translator adds.
 */

/** The instruction set of a translated function. */
abstract class InsnEmitter extends AccessEmitter {
    /** Around each instruction that can fault: its start and end, and its exception handler (null elsewhere). */
    final Label[] start;
    final Label[] end;
    final Label[] handler;

    InsnEmitter(Code c, CodeShape shape, MethodVisitor mv, boolean pages) {
        super(c, shape, mv, pages);
        int n = c.ops.length;
        start = new Label[n];
        end = new Label[n];
        handler = new Label[n];
    }

    /** The code of instruction pc, which CodeShape reached with its operands in slots [0, depth). */
    void insn(int pc) {
        int op = c.ops[pc];
        int d = shape.depth()[pc];
        long a = c.as[pc];
        int b = c.bs[pc];
        if (block[pc] != null) {
            mv.visitLabel(block[pc]);
            int len = shape.blockLength()[pc];
            Label paid = new Label();
            mv.visitVarInsn(LLOAD, L_LEFT);
            pushLong(len);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFGE, paid);
            exitTo(pc, d, 0);
            mv.visitLabel(paid);
            mv.visitVarInsn(LLOAD, L_LEFT);
            pushLong(len);
            mv.visitInsn(LSUB);
            mv.visitVarInsn(LSTORE, L_LEFT);
        }
        if (start[pc] != null) {
            mv.visitLabel(start[pc]);
        }
        switch (op) {
            case CONST -> {
                pushLong(a);
                mv.visitVarInsn(LSTORE, slot(d));
            }
            case LOCAL -> {
                mv.visitVarInsn(LLOAD, L_FP);
                pushLong(a);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, slot(d));
            }
            case SYM -> {
                mv.visitVarInsn(ALOAD, L_SYMS);
                push((int) a);
                mv.visitInsn(LALOAD);
                pushLong(b);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, slot(d));
            }
            case LD1S, LD1U, LD2S, LD2U, LD4S, LD4U, LD8 -> load(pc, op, d);
            case ST1, ST2, ST4, ST8 -> store(pc, op, d);
            case COPY -> {
                guardFrame(pc, d, slot(d - 1), a);
                guardFrame(pc, d, slot(d - 2), a);
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LLOAD, slot(d - 1));
                push((int) a);
                mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "copy", "(JJI)V", false);
                forgetLoadPages();
            }
            case ZERO -> {
                guardFrame(pc, d, slot(d - 1), a);
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(LLOAD, slot(d - 1));
                push((int) a);
                mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "zero", "(JI)V", false);
                forgetLoadPages();
            }
            case Opcodes.DUP -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitVarInsn(LSTORE, slot(d));
            }
            case DROP, LINE -> { }
            case Opcodes.SWAP -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LSTORE, slot(d - 1));
                mv.visitVarInsn(LSTORE, slot(d - 2));
            }
            case ADD -> binary(d, LADD);
            case SUB -> binary(d, LSUB);
            case MUL -> binary(d, LMUL);
            case AND -> binary(d, LAND);
            case OR -> binary(d, LOR);
            case XOR -> binary(d, LXOR);
            case DIVS, DIVU, REMS, REMU -> divide(op, d);
            case SHL, SHRS, SHRU -> {
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitInsn(L2I);
                mv.visitInsn(op == SHL ? LSHL : op == SHRS ? LSHR : LUSHR);
                mv.visitVarInsn(LSTORE, slot(d - 2));
            }
            case EQ, NE, LTS, LES, GTS, GES -> {
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitInsn(LCMP);
                bool(d - 2, switch (op) {
                    case EQ -> IFEQ;
                    case NE -> IFNE;
                    case LTS -> IFLT;
                    case LES -> IFLE;
                    case GTS -> IFGT;
                    default -> IFGE;
                });
            }
            case LTU, LEU, GTU, GEU -> {
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                bool(d - 2, switch (op) {
                    case LTU -> IFLT;
                    case LEU -> IFLE;
                    case GTU -> IFGT;
                    default -> IFGE;
                });
            }
            case NEG -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitInsn(LNEG);
                mv.visitVarInsn(LSTORE, slot(d - 1));
            }
            case NOT -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                pushLong(-1L);
                mv.visitInsn(LXOR);
                mv.visitVarInsn(LSTORE, slot(d - 1));
            }
            case LNOT -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                bool(d - 1, IFEQ);
            }
            case SEXT -> {
                int bits = (int) a;
                if (bits < 64) {
                    mv.visitVarInsn(LLOAD, slot(d - 1));
                    push(64 - bits);
                    mv.visitInsn(LSHL);
                    push(64 - bits);
                    mv.visitInsn(LSHR);
                    mv.visitVarInsn(LSTORE, slot(d - 1));
                }
            }
            case ZEXT -> {
                int bits = (int) a;
                if (bits == 1) {
                    mv.visitVarInsn(LLOAD, slot(d - 1));
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    bool(d - 1, IFNE);
                } else if (bits < 64) {
                    mv.visitVarInsn(LLOAD, slot(d - 1));
                    pushLong((1L << bits) - 1);
                    mv.visitInsn(LAND);
                    mv.visitVarInsn(LSTORE, slot(d - 1));
                }
            }
            case JMP -> mv.visitJumpInsn(GOTO, block[(int) a]);
            case JZ, JNZ -> {
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(op == JZ ? IFEQ : IFNE, block[(int) a]);
            }
            case CALL, CALLI -> call(pc, op, d, a, b);
            case Opcodes.RET -> {
                spillPromoted();
                mv.visitVarInsn(ALOAD, L_KS);
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitFieldInsn(PUTFIELD, KS, "retval", "J");
                mv.visitVarInsn(ALOAD, L_KS);
                mv.visitVarInsn(ILOAD, L_D);
                mv.visitMethodInsn(INVOKESTATIC, FRAMES, "leave", "(L" + KS + ";I)V", false);
                saveLeft();
                push(Compiled.RETURNED);
                mv.visitInsn(IRETURN);
            }
            case VASTART -> {
                mv.visitVarInsn(ALOAD, L_KS);
                mv.visitVarInsn(ALOAD, L_CODE);
                mv.visitVarInsn(ILOAD, L_D);
                mv.visitVarInsn(LLOAD, L_FP);
                mv.visitMethodInsn(INVOKESTATIC, FRAMES, "vaArea", "(L" + KS + ";L" + CODE + ";IJ)J", false);
                mv.visitVarInsn(LSTORE, slot(d));
            }
            case TRAP -> {
                push((int) a);
                mv.visitMethodInsn(INVOKESTATIC, COMPILED, "trap", "(I)L" + Type.getInternalName(Trap.class) + ";", false);
                mv.visitInsn(ATHROW);
            }
            default -> throw new IllegalStateException("no translation for opcode " + op);
        }
        if (end[pc] != null) {
            mv.visitLabel(end[pc]);
        }
    }

    private void binary(int d, int jvmOp) {
        mv.visitVarInsn(LLOAD, slot(d - 2));
        mv.visitVarInsn(LLOAD, slot(d - 1));
        mv.visitInsn(jvmOp);
        mv.visitVarInsn(LSTORE, slot(d - 2));
    }

    private void divide(int op, int d) {
        mv.visitVarInsn(LLOAD, slot(d - 1));
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "divCheck", "(J)V", false);
        mv.visitVarInsn(LLOAD, slot(d - 2));
        mv.visitVarInsn(LLOAD, slot(d - 1));
        switch (op) {
            case DIVS -> mv.visitInsn(LDIV);
            case REMS -> mv.visitInsn(LREM);
            case DIVU -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "divideUnsigned", "(JJ)J", false);
            default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "remainderUnsigned", "(JJ)J", false);
        }
        mv.visitVarInsn(LSTORE, slot(d - 2));
    }

    /** Consumes an int comparison result on the JVM stack; slot target = (result jvmIf 0) ? 1 : 0. */
    private void bool(int target, int jvmIf) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jvmIf, yes);
        mv.visitInsn(LCONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(LCONST_1);
        mv.visitLabel(done);
        mv.visitVarInsn(LSTORE, slot(target));
    }
}
