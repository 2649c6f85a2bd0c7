package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;
import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/*
 * The code of the instructions that touch memory or call, in a translated function (see
 * Translator): loads and stores of promoted locals (JVM locals) and at computed addresses (through
 * the page each site keeps, else the Bus, faulting where the interpreter would), and calls, made
 * directly to a compiled callee from this site or through TierCalls.invoke.
 */

/** Memory accesses and calls of a translated function. */
abstract class AccessEmitter extends Emitter {
    /** Each load (store) at a computed address: its number among them, whose page it keeps; -1 elsewhere. */
    private final int[] loadSite;
    private final int[] storeSite;
    private final int loadSites;
    private final int storeSites;

    /** pages: whether loads and stores at computed addresses keep their pages in JVM locals (see cachedLoad). */
    AccessEmitter(Code c, CodeShape shape, MethodVisitor mv, boolean pages) {
        super(c, shape, mv);
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

    /** The JVM locals of a page a load (store) site keeps: the address where it starts (long), then the page. */
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
    // its start address (Frames.NO_PAGE: none) and its frame. While the method runs nothing else can change what a
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
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "get" + w, "([BI)J", false);
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
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "baseOf", "([BJ)J", false);
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
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "put" + w, "([BIJ)V", false);
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
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "baseOf", "([BJ)J", false);
        mv.visitVarInsn(LSTORE, page);
        mv.visitLabel(done);
    }

    /**
     * Jumps to miss unless [addr, addr+w) lies in the page that starts at the long local base; else
     * L_OFF = the offset in it. One unsigned compare, addr - base <= PAGE_SIZE - w (as signed, both
     * sides plus Long.MIN_VALUE), checks both the page and the room in it.
     */
    private void inPage(int w, int addrSlot, int base, Label miss) {
        mv.visitVarInsn(LLOAD, addrSlot);
        mv.visitVarInsn(LLOAD, base);
        mv.visitInsn(LSUB);
        mv.visitInsn(DUP2);
        pushLong(Long.MIN_VALUE);
        mv.visitInsn(LADD);
        pushLong(Bus.PAGE_SIZE - w + Long.MIN_VALUE);
        mv.visitInsn(LCMP);
        Label in = new Label();
        mv.visitJumpInsn(IFLE, in);
        mv.visitInsn(POP2);
        mv.visitJumpInsn(GOTO, miss);
        mv.visitLabel(in);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, L_OFF);
    }

    /** A store went through the bus: a load site's page may have been a zero or frozen page it replaced. */
    @Override
    void forgetLoadPages() {
        for (int k = 0; k < loadSites; k++) {
            mv.visitLdcInsn(Frames.NO_PAGE);
            mv.visitVarInsn(LSTORE, loadPage(k));
        }
    }

    /** After a call: anything may have changed. */
    void forgetPages() {
        forgetLoadPages();
        for (int k = 0; k < storeSites; k++) {
            mv.visitLdcInsn(Frames.NO_PAGE);
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
            mv.visitMethodInsn(INVOKESTATIC, TIER_CALLS, "directCallee", "(L" + CPU + ";L" + CODE + ";IJI)L" + CODE + ";", false);
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
        mv.visitVarInsn(ALOAD, L_KS);
        push(argc);
        mv.visitMethodInsn(INVOKESTATIC, TIER_CALLS, "argBuffer", "(L" + KS + ";I)[J", false);
        for (int i = 0; i < argc; i++) {
            mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
            push(i);
            mv.visitVarInsn(LLOAD, slot(d - argc + i));
            mv.visitInsn(LASTORE);
        }
        push(argc);
        mv.visitMethodInsn(INVOKESTATIC, TIER_CALLS, "invoke", "(L" + CPU + ";L" + KS + ";L" + CODE + ";IJ[JI)I", false);
        mv.visitVarInsn(ISTORE, L_STATUS);
        // a compiled callee runs from here: this site's own virtual call, which HotSpot sees monomorphic
        mv.visitVarInsn(ILOAD, L_STATUS);
        push(Compiled.ENTER);
        mv.visitJumpInsn(IF_ICMPNE, ran);
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "top", "(L" + KS + ";)L" + CODE + ";", false);
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
