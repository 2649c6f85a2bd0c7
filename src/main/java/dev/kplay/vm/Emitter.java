package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;
import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/*
 * The half of the compiling tier's code generator that knows where the interpreter's state lives
 * in the JVM method (see Translator): the layout of its JVM locals, how the operand-stack slots
 * and promoted locals go back to the KernelStack and the frame, how a frame is handed to the
 * interpreter, and the code of the instructions that touch memory or call.
 */

/** JVM-local layout, state hand-over, memory accesses and calls of a translated function. */
abstract class Emitter {
    static final String CPU = Type.getInternalName(Cpu.class);
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

    /** Each load (store) at a computed address: its number among them, whose page it keeps; -1 elsewhere. */
    private final int[] loadSite;
    private final int[] storeSite;
    private final int loadSites;
    private final int storeSites;

    /** pages: whether loads and stores at computed addresses keep their pages in JVM locals (see cachedLoad). */
    Emitter(Code c, CodeShape shape, MethodVisitor mv, boolean pages) {
        this.c = c;
        this.shape = shape;
        this.mv = mv;
        block = new Label[c.ops.length];
        deopt = new Label[c.ops.length];
        loadSite = new int[c.ops.length];
        storeSite = new int[c.ops.length];
        int loads = 0;
        int stores = 0;
        for (int pc = 0; pc < c.ops.length; pc++) {
            loadSite[pc] = -1;
            storeSite[pc] = -1;
            int w = CodeShape.width(c.ops[pc]);
            int off = shape.directOffset()[pc];
            if (!pages || w == 0 || shape.depth()[pc] < 0 || (off != CodeShape.UNKNOWN && shape.promotedIndex(off) >= 0)) {
                continue;
            }
            if (c.ops[pc] == ST1 || c.ops[pc] == ST2 || c.ops[pc] == ST4 || c.ops[pc] == ST8) {
                storeSite[pc] = stores++;
            } else {
                loadSite[pc] = loads++;
            }
        }
        loadSites = loads;
        storeSites = stores;
    }

    /**
     * The JVM locals of the page a direct call pushed this frame in (null for a frame the
     * interpreter handed over) and the bus epoch it was found in: while the epoch stays the same,
     * the frame's memory is that page's bytes (see Cpu.directFrame).
     */
    int framePage() {
        return calleeLocal() + 1;
    }

    int frameEpoch() {
        return calleeLocal() + 2;
    }

    /** The JVM locals of a page a load (store) site keeps: its page number (long), then the page. */
    private int loadPage(int site) {
        return calleeLocal() + 3 + 3 * site;
    }

    private int storePage(int site) {
        return calleeLocal() + 3 + 3 * loadSites + 3 * site;
    }

    /** Starts every site with no page. */
    void noPages() {
        forgetPages();
        for (int k = 0; k < loadSites; k++) {
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, loadPage(k) + 2);
        }
        for (int k = 0; k < storeSites; k++) {
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, storePage(k) + 2);
        }
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
            mv.visitMethodInsn(INVOKESTATIC, CPU, "get" + shape.promotedSizes()[j], "([BI)J", false);
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

    /** Writes the KernelStack entries of this frame and the lazy frames below it (see Cpu.materialise). */
    void materialise() {
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ALOAD, L_CODE);
        mv.visitVarInsn(ILOAD, L_D);
        mv.visitVarInsn(LLOAD, L_FP);
        mv.visitVarInsn(ILOAD, L_BASE);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "materialise", "(L" + KS + ";L" + CODE + ";IJI)V", false);
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
        mv.visitVarInsn(LLOAD, addrSlot);
        pushLong(Math.max(1, len));
        mv.visitVarInsn(LLOAD, L_FP);
        pushLong(c.frameSize);
        mv.visitMethodInsn(INVOKESTATIC, COMPILED, "hits", "(JJJJ)Z", false);
        mv.visitJumpInsn(IFNE, deopt[pc]);
    }

    void load(int pc, int op, int d) {
        int w = CodeShape.width(op);
        int off = shape.directOffset()[pc];
        int j = off == CodeShape.UNKNOWN ? -1 : shape.promotedIndex(off);
        if (j >= 0) {
            mv.visitVarInsn(LLOAD, promoted(j));
        } else {
            guardFrame(pc, d, slot(d - 1), w);
            if (loadSite[pc] >= 0) {
                cachedLoad(w, slot(d - 1), loadPage(loadSite[pc]));
            } else {
                mv.visitVarInsn(ALOAD, L_BUS);
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitMethodInsn(INVOKEINTERFACE, BUS, "load" + w, "(J)J", true);
            }
        }
        switch (op) {
            case LD1S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2B);
                mv.visitInsn(I2L);
            }
            case LD2S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitInsn(I2L);
            }
            case LD4S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
            case LD1U -> {
                pushLong(0xffL);
                mv.visitInsn(LAND);
            }
            case LD2U -> {
                pushLong(0xffffL);
                mv.visitInsn(LAND);
            }
            case LD4U -> {
                pushLong(0xffffffffL);
                mv.visitInsn(LAND);
            }
            default -> { }
        }
        mv.visitVarInsn(LSTORE, slot(d - 1));
    }

    // Each load and store site at a computed address keeps the page it last reached in JVM locals:
    // a page number (-1: none) and its frame. While the method runs nothing else can change what a
    // page number maps to, except a store that gives a zero or frozen page its own frame: so the
    // load sites forget their pages after every store through the bus (and COPY, ZERO), every site
    // after every call.

    /** Pushes the w-byte load at the address in addrSlot (zero-extended), from the site's page when it holds it. */
    void cachedLoad(int w, int addrSlot, int page) {
        Label miss = new Label();
        Label done = new Label();
        inPage(w, addrSlot, page, miss);
        mv.visitVarInsn(ALOAD, page + 2);
        mv.visitVarInsn(ILOAD, L_OFF);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "get" + w, "([BI)J", false);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(miss);
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "load" + w, "(J)J", true);
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "readableBytes", "(J)[B", true);
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
        mv.visitVarInsn(ASTORE, page + 2);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "pfnOf", "([BJ)J", false);
        mv.visitVarInsn(LSTORE, page);
        mv.visitLabel(done);
    }

    /** The w-byte store of valSlot at the address in addrSlot, into the site's page when it holds it. */
    void cachedStore(int w, int addrSlot, int valSlot, int page) {
        Label miss = new Label();
        Label done = new Label();
        inPage(w, addrSlot, page, miss);
        mv.visitVarInsn(ALOAD, page + 2);
        mv.visitVarInsn(ILOAD, L_OFF);
        mv.visitVarInsn(LLOAD, valSlot);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "put" + w, "([BIJ)V", false);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(miss);
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitVarInsn(LLOAD, valSlot);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "store" + w, "(JJ)V", true);
        forgetLoadPages();
        mv.visitVarInsn(ALOAD, L_BUS);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitInsn(ICONST_1);
        mv.visitMethodInsn(INVOKEINTERFACE, BUS, "writableBytes", "(JI)[B", true);
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
        mv.visitVarInsn(ASTORE, page + 2);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "pfnOf", "([BJ)J", false);
        mv.visitVarInsn(LSTORE, page);
        mv.visitLabel(done);
    }

    /** Jumps to miss unless [addr, addr+w) lies in the page numbered by the long local pfn; else L_OFF = the offset in it. */
    private void inPage(int w, int addrSlot, int pfn, Label miss) {
        mv.visitVarInsn(LLOAD, addrSlot);
        push(12);
        mv.visitInsn(LUSHR);
        mv.visitVarInsn(LLOAD, pfn);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitInsn(L2I);
        push(Bus.PAGE_SIZE - 1);
        mv.visitInsn(IAND);
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
        mv.visitVarInsn(ISTORE, L_OFF);
        push(Bus.PAGE_SIZE - w);
        mv.visitJumpInsn(IF_ICMPGT, miss);
    }

    /** A store went through the bus: a load site's page may have been a zero or frozen page it replaced. */
    void forgetLoadPages() {
        for (int k = 0; k < loadSites; k++) {
            mv.visitLdcInsn(-1L);
            mv.visitVarInsn(LSTORE, loadPage(k));
        }
    }

    /** After a call: anything may have changed. */
    void forgetPages() {
        forgetLoadPages();
        for (int k = 0; k < storeSites; k++) {
            mv.visitLdcInsn(-1L);
            mv.visitVarInsn(LSTORE, storePage(k));
        }
    }

    void store(int pc, int op, int d) {
        int w = CodeShape.width(op);
        int off = shape.directOffset()[pc];
        int j = off == CodeShape.UNKNOWN ? -1 : shape.promotedIndex(off);
        if (j >= 0) {
            mv.visitVarInsn(LLOAD, slot(d - 1));
            mv.visitVarInsn(LSTORE, promoted(j));
        } else {
            guardFrame(pc, d, slot(d - 2), w);
            if (storeSite[pc] >= 0) {
                cachedStore(w, slot(d - 2), slot(d - 1), storePage(storeSite[pc]));
            } else {
                mv.visitVarInsn(ALOAD, L_BUS);
                mv.visitVarInsn(LLOAD, slot(d - 2));
                mv.visitVarInsn(LLOAD, slot(d - 1));
                mv.visitMethodInsn(INVOKEINTERFACE, BUS, "store" + w, "(JJ)V", true);
                forgetLoadPages();
            }
        }
        mv.visitVarInsn(LLOAD, slot(d - 1));
        mv.visitVarInsn(LSTORE, slot(d - 2));
    }

    void call(int pc, int op, int d, long a, int argc) {
        int after = op == CALL ? d - argc : d - argc - 1;
        spillPromoted();
        setPc(pc);
        saveLeft();
        Label ran = new Label();
        Label slow = new Label();
        if (argc <= Compiled.DIRECT_ARGS) {
            // a compiled callee that takes its arguments in JVM registers: it pushes its own frame
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(ALOAD, L_CODE);
            push(site(pc));
            callTarget(op, a, after);
            push(argc);
            mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "directCallee", "(L" + CODE + ";IJI)L" + CODE + ";", false);
            mv.visitVarInsn(ASTORE, calleeLocal());
            mv.visitVarInsn(ALOAD, calleeLocal());
            mv.visitJumpInsn(IFNULL, slow);
            mv.visitVarInsn(ALOAD, calleeLocal());
            mv.visitFieldInsn(GETFIELD, CODE, "compiled", "L" + COMPILED + ";");
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(ALOAD, L_KS);
            mv.visitVarInsn(ALOAD, calleeLocal());
            push(Compiled.CALL);
            for (int i = 0; i < Compiled.DIRECT_ARGS; i++) {
                if (i < argc) {
                    mv.visitVarInsn(LLOAD, slot(d - argc + i));
                } else {
                    mv.visitInsn(LCONST_0);
                }
            }
            // the return address, code.rip(pc) + 5 (the call's offset is part of the translation's key)
            mv.visitVarInsn(ALOAD, L_CODE);
            mv.visitFieldInsn(GETFIELD, CODE, "address", "J");
            pushLong(c.pcOffsets[pc] + 5L);
            mv.visitInsn(LADD);
            mv.visitVarInsn(LLOAD, L_FP);
            mv.visitVarInsn(ILOAD, L_D);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IADD);
            mv.visitVarInsn(ILOAD, L_BASE);
            push(after);
            mv.visitInsn(IADD);
            mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "run", RUN_DESC, false);
            mv.visitVarInsn(ISTORE, L_STATUS);
            mv.visitVarInsn(ILOAD, L_STATUS);
            push(Compiled.NOT_DIRECT);
            mv.visitJumpInsn(IF_ICMPNE, ran);
        }
        mv.visitLabel(slow);
        // invoke may run natives, which read the frames: the lazy ones get their entries first
        materialise();
        setNops(after);
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ALOAD, L_CODE);
        push(pc);
        callTarget(op, a, after);
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitVarInsn(ALOAD, L_KS);
        push(argc);
        mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "argBuffer", "(L" + KS + ";I)[J", false);
        for (int i = 0; i < argc; i++) {
            mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
            push(i);
            mv.visitVarInsn(LLOAD, slot(d - argc + i));
            mv.visitInsn(LASTORE);
        }
        push(argc);
        mv.visitMethodInsn(INVOKEVIRTUAL, CPU, "invoke", "(L" + KS + ";L" + CODE + ";IJ[JI)I", false);
        mv.visitVarInsn(ISTORE, L_STATUS);
        // a compiled callee runs from here: this site's own virtual call, which HotSpot sees monomorphic
        mv.visitVarInsn(ILOAD, L_STATUS);
        push(Compiled.ENTER);
        mv.visitJumpInsn(IF_ICMPNE, ran);
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitMethodInsn(INVOKESTATIC, CPU, "top", "(L" + KS + ";)L" + CODE + ";", false);
        mv.visitVarInsn(ASTORE, calleeLocal());
        mv.visitVarInsn(ALOAD, calleeLocal());
        mv.visitFieldInsn(GETFIELD, CODE, "compiled", "L" + COMPILED + ";");
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ALOAD, calleeLocal());
        mv.visitInsn(ICONST_0);
        for (int i = 0; i < Compiled.DIRECT_ARGS + 2; i++) {
            mv.visitInsn(LCONST_0);
        }
        mv.visitInsn(ICONST_0);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "run", RUN_DESC, false);
        mv.visitVarInsn(ISTORE, L_STATUS);
        mv.visitLabel(ran);
        ksField("left", "J");
        mv.visitVarInsn(LSTORE, L_LEFT);
        Label returned = new Label();
        mv.visitVarInsn(ILOAD, L_STATUS);
        push(Compiled.RETURNED);
        mv.visitJumpInsn(IF_ICMPEQ, returned);
        // the callee stopped: this frame waits in the interpreter's terms at its call instruction
        spillSlots(after);
        mv.visitVarInsn(ILOAD, L_STATUS);
        mv.visitInsn(IRETURN);
        mv.visitLabel(returned);
        ksField("retval", "J");
        mv.visitVarInsn(LSTORE, slot(after));
        forgetPages();
        reloadPromotedAfterCall();
    }

    /** The call site number of the call at pc (see Code.callSites). */
    private int site(int pc) {
        int k = 0;
        for (int i = 0; i < pc; i++) {
            if (c.ops[i] == CALL || c.ops[i] == CALLI) {
                k++;
            }
        }
        return k;
    }

    /** Pushes the address a call at this site goes to (long). */
    private void callTarget(int op, long a, int after) {
        if (op == CALL) {
            mv.visitVarInsn(ALOAD, L_SYMS);
            push((int) a);
            mv.visitInsn(LALOAD);
        } else {
            mv.visitVarInsn(LLOAD, slot(after));
        }
    }
}
