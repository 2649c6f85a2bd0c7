package dev.kplay.vm;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/*
 * The part of the compiling tier's code generator that knows where the interpreter's state lives
 * in the JVM method (see Translator): the layout of its JVM locals, how the operand-stack slots
 * and promoted locals go back to the KernelStack and the frame, and how a frame is handed to the
 * interpreter. The code of the instructions builds on it in layers: AccessEmitter (memory and
 * calls), InsnEmitter (the rest of the instruction set), Translator (the class and its entries).
 */

/** JVM-local layout and state hand-over of a translated function. */
abstract class Emitter {
    static final String CPU = Type.getInternalName(Cpu.class);
    static final String FRAMES = Type.getInternalName(Frames.class);
    static final String TIER_CALLS = Type.getInternalName(TierCalls.class);
    static final String KS = Type.getInternalName(KernelStack.class);
    static final String CODE = Type.getInternalName(Code.class);
    static final String BUS = Type.getInternalName(Bus.class);
    static final String COMPILED = Type.getInternalName(Compiled.class);

    // JVM locals of run(): the arguments (a direct call's a0..a3, return address, and the caller's
    // frame pointer, the frame's depth and operand base, which become the frame's own fp, d and base
    // registers), then the other registers, then the stack slots.
    static final int THIS = 0, L_CPU = 1, L_KS = 2, L_CODE = 3, L_ENTRY = 4, L_ARG0 = 5, L_RET = 13, L_FP = 15,
            L_D = 17, L_BASE = 18, L_BUS = 19, L_LEFT = 20, L_SYMS = 22, L_OPS = 23, L_EXIT_PC = 24, L_EXIT_DEPTH = 25,
            L_EXIT_ADJ = 26, L_STATUS = 27, L_TMP = 28, L_OFF = 30, L_SLOTS = 31;
    /** The descriptor of Compiled.run. */
    static final String RUN_DESC = "(L" + Type.getInternalName(Cpu.class) + ";L" + Type.getInternalName(KernelStack.class)
            + ";L" + Type.getInternalName(Code.class) + ";IJJJJJJII)I";

    final Code c;
    final CodeShape shape;
    final MethodVisitor mv;
    /** The start of each basic block (null elsewhere). */
    final Label[] block;
    /** Where an access that lands in the frame goes to the interpreter instead (null where none). */
    final Label[] deopt;
    /** The common exit that hands the frame to the interpreter. */
    final Label bail = new Label();

    Emitter(Code c, CodeShape shape, MethodVisitor mv) {
        this.c = c;
        this.shape = shape;
        this.mv = mv;
        block = new Label[c.ops.length];
        deopt = new Label[c.ops.length];
    }

    /**
     * The JVM locals of the page a direct call pushed this frame in (null for a frame the
     * interpreter handed over) and the bus epoch it was found in: while the epoch stays the same,
     * the frame's memory is that page's bytes (see Frames.directFrame).
     */
    int framePage() {
        return calleeLocal() + 1;
    }

    int frameEpoch() {
        return calleeLocal() + 2;
    }

    int slot(int i) {
        return L_SLOTS + 2 * i;
    }

    int promoted(int j) {
        return L_SLOTS + 2 * shape.maxDepth() + 2 * j;
    }

    /** A JVM local (after the promoted locals) that holds the callee's Code at a call. */
    int calleeLocal() {
        return promoted(shape.promotedOffsets().length);
    }

    void ksField(String name, String desc) {
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitFieldInsn(GETFIELD, KS, name, desc);
    }

    void push(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void pushLong(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void reloadPromoted() {
        for (int j = 0; j < shape.promotedOffsets().length; j++) {
            reloadPromoted(j);
        }
    }

    /** Promoted local j from its frame memory. */
    void reloadPromoted(int j) {
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitVarInsn(LLOAD, L_FP);
        pushLong(shape.promotedOffsets()[j]);
        mv.visitInsn(LADD);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "load" + shape.promotedSizes()[j], "(J)J", true);
        mv.visitVarInsn(LSTORE, promoted(j));
    }

    /**
     * The promoted locals after a call returned (the callee may have written the frame through a
     * pointer): from the frame's page when this frame holds it and the epoch says it is still the
     * frame's, else through the bus.
     */
    void reloadPromotedAfterCall() {
        int n = shape.promotedOffsets().length;
        if (n == 0) {
            return;
        }
        Label slow = new Label();
        Label done = new Label();
        mv.visitVarInsn(ALOAD, framePage());
        mv.visitJumpInsn(IFNULL, slow);
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "epoch", "()I", true);
        mv.visitVarInsn(ILOAD, frameEpoch());
        mv.visitJumpInsn(IF_ICMPNE, slow);
        for (int j = 0; j < n; j++) {
            mv.visitVarInsn(ALOAD, framePage());
            mv.visitVarInsn(LLOAD, L_FP);
            mv.visitInsn(L2I);
            push(Bus.PAGE_SIZE - 1);
            mv.visitInsn(IAND);
            push(shape.promotedOffsets()[j]);
            mv.visitInsn(IADD);
            mv.visitMethodInsn(INVOKESTATIC, FRAMES, "get" + shape.promotedSizes()[j], "([BI)J", false);
            mv.visitVarInsn(LSTORE, promoted(j));
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        reloadPromoted();
        mv.visitLabel(done);
    }

    void spillPromoted() {
        for (boolean stored : shape.promotedStored()) {
            if (stored) {
                forgetLoadPages();
                break;
            }
        }
        for (int j = 0; j < shape.promotedOffsets().length; j++) {
            if (!shape.promotedStored()[j]) {
                continue;
            }
            mv.visitVarInsn(ALOAD, L_BUS);
            mv.visitVarInsn(LLOAD, L_FP);
            pushLong(shape.promotedOffsets()[j]);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LLOAD, promoted(j));
            mv.visitMethodInsn(INVOKEINTERFACE, BUS, "store" + shape.promotedSizes()[j], "(JJ)V", true);
        }
    }

    /** Stores stack slots [0, depth) into ks.operands[base + i]. */
    void spillSlots(int depth) {
        ksField("operands", "[J");
        mv.visitVarInsn(ASTORE, L_OPS);
        for (int i = 0; i < depth; i++) {
            mv.visitVarInsn(ALOAD, L_OPS);
            mv.visitVarInsn(ILOAD, L_BASE);
            push(i);
            mv.visitInsn(IADD);
            mv.visitVarInsn(LLOAD, slot(i));
            mv.visitInsn(LASTORE);
        }
    }

    void setPc(int pc) {
        ksField("pcs", "[I");
        mv.visitVarInsn(ILOAD, L_D);
        push(pc);
        mv.visitInsn(IASTORE);
    }

    void setNops(int depth) {
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ILOAD, L_BASE);
        push(depth);
        mv.visitInsn(IADD);
        mv.visitFieldInsn(PUTFIELD, KS, "nops", "I");
    }

    /** Writes the KernelStack entries of this frame and the lazy frames below it (see Frames.materialise). */
    void materialise() {
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ALOAD, L_CODE);
        mv.visitVarInsn(ILOAD, L_D);
        mv.visitVarInsn(LLOAD, L_FP);
        mv.visitVarInsn(ILOAD, L_BASE);
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "materialise", "(L" + KS + ";L" + CODE + ";IJI)V", false);
    }

    void saveLeft() {
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(LLOAD, L_LEFT);
        mv.visitFieldInsn(PUTFIELD, KS, "left", "J");
    }

    /** Jumps to the common exit that hands the frame to the interpreter at pc with depth d, refunding adj. */
    void exitTo(int pc, int d, int adj) {
        push(pc);
        mv.visitVarInsn(ISTORE, L_EXIT_PC);
        push(d);
        mv.visitVarInsn(ISTORE, L_EXIT_DEPTH);
        push(adj);
        mv.visitVarInsn(ISTORE, L_EXIT_ADJ);
        mv.visitJumpInsn(GOTO, bail);
    }

    /** With promoted locals, an access of len bytes at the address in slot that touches the frame goes to the interpreter. */
    void guardFrame(int pc, int d, int addrSlot, long len) {
        if (shape.promotedOffsets().length == 0) {
            return;
        }
        if (deopt[pc] == null) {
            deopt[pc] = new Label();
        }
        // [addr, addr+len) overlaps [fp, fp+frameSize) iff addr-fp+len-1 <u frameSize+len-1: written
        // out with its constants folded (unsigned as signed, both sides plus Long.MIN_VALUE). A call
        // would cost HotSpot's inlining budget, shared by the whole method, at every access.
        long l = Math.max(1, len);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitVarInsn(LLOAD, L_FP);
        mv.visitInsn(LSUB);
        pushLong(l - 1 + Long.MIN_VALUE);
        mv.visitInsn(LADD);
        pushLong(c.frameSize + l - 1 + Long.MIN_VALUE);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFLT, deopt[pc]);
    }

    /** A store went through the bus: every load site forgets the page it kept (see AccessEmitter). */
    abstract void forgetLoadPages();
}
