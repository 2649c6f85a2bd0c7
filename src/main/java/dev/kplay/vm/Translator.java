package dev.kplay.vm;

import static dev.kplay.vm.Opcodes.*;
import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandles;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/*
 * The compiling tier's code generator: one kplay function -> one JVM method, which HotSpot then
 * optimises like any Java code. Chicory compiles WebAssembly to the JVM the same way.
 *
 * How the interpreter's properties survive translation (Emitter has the JVM-local layout and the
 * state hand-over, AccessEmitter the code of memory accesses and calls, InsnEmitter the rest of
 * the instructions; this class makes the class, its entries and its exits):
 *  - Operand-stack slot i is JVM local S(i); CodeShape proves each instruction has one depth, so
 *    the mapping is static. Frame slots CodeShape promotes are JVM locals P(j), written back to the
 *    frame before anything can look at it (calls, exits) and reloaded after calls.
 *  - Budget: each basic block checks and charges its whole length on entry; if the budget cannot
 *    pay for the block, the frame goes back to the interpreter at the block's first instruction,
 *    which runs out the budget one instruction at a time. So a budget ends on exactly the
 *    instruction the interpreter would end it, and a loop yields at its back-edge like any block.
 *  - Faults: every instruction that can fault has its own exception handler, which refunds the
 *    instructions of the block not yet run and records the instruction index, so the oops sees the
 *    same RIP, the same frames and the same count of instructions as under the interpreter.
 *  - Calls: the frame is pushed in the simulated stack exactly as the interpreter pushes it; a
 *    compiled callee runs on the Java stack, its KernelStack entry written only once something
 *    could read it (see Compiled); anything else (a callee that is not compiled, a native that
 *    blocks, a budget that runs out below) unwinds every compiled frame into its explicit frame, and
 *    the interpreter carries on from there.
 *  - A load or store whose address is computed, and lands in the frame while locals are promoted,
 *    hands the frame to the interpreter before the access (only undefined behaviour gets there).
 */

/** Translates kplay bytecode to JVM classes. */
final class Translator extends InsnEmitter {

    /** Largest JVM method HotSpot still compiles by default (DontCompileHugeMethods). */
    private static final int HUGE_METHOD = 8000;

    private final Label thrown = new Label();

    private Translator(Code c, CodeShape shape, MethodVisitor mv, boolean pages) {
        super(c, shape, mv, pages);
    }

    /** A new instance of the compiled class for c, or null if c cannot be compiled. */
    static Compiled translate(Code c) {
        CodeShape shape = CodeShape.of(c);
        if (shape == null) {
            return null;
        }
        // with the pages of memory accesses kept in JVM locals, or, if that makes the method too large, without
        byte[] bytes = null;
        for (boolean pages : new boolean[] {true, false}) {
            try {
                bytes = generate(c, shape, pages);
            } catch (RuntimeException tooLarge) {
                bytes = null;
            }
            if (bytes != null) {
                break;
            }
        }
        if (bytes == null) {
            return null;
        }
        dump(c, bytes);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup()
                    .defineHiddenClass(bytes, true);
            Compiled k = (Compiled) lookup.lookupClass().getDeclaredConstructor().newInstance();
            k.maxDepth = shape.maxDepth();
            k.depth = shape.depth();
            return k;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("compiled code of " + c.name + " does not load", e);
        }
    }

    /** With -Dkplay.tier.dump=DIR, each translation's class file goes to DIR/NAME.class (for javap -c). */
    private static void dump(Code c, byte[] bytes) {
        String dir = System.getProperty("kplay.tier.dump");
        if (dir != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(dir, c.name + ".class"), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static byte[] generate(Code c, CodeShape shape, boolean pages) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, "dev/kplay/vm/CompiledFn", null, COMPILED, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, COMPILED, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(0, "run", RUN_DESC, null, null);
        int length = new Translator(c, shape, mv, pages).method();
        // HotSpot compiles no method of more bytecode than this. The class file's stack map frames
        // (one per branch target, each listing every local) are not code: the size checked is the code's
        return length > HUGE_METHOD ? null : cw.toByteArray();
    }

    /** Writes the method; returns the length of its bytecode. */
    private int method() {
        int n = c.ops.length;
        for (int pc = 0; pc < n; pc++) {
            if (shape.depth()[pc] < 0) {
                continue;
            }
            if (shape.leader()[pc]) {
                block[pc] = new Label();
            }
            if (canThrow(c.ops[pc])) {
                start[pc] = new Label();
                end[pc] = new Label();
                handler[pc] = new Label();
                mv.visitTryCatchBlock(start[pc], end[pc], handler[pc], "java/lang/RuntimeException");
            }
        }
        mv.visitCode();
        prologue();
        for (int pc = 0; pc < n; pc++) {
            if (shape.depth()[pc] >= 0) {
                insn(pc);
            }
        }
        stubs();
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end.getOffset();
    }

    /**
     * Entry Compiled.CALL: push the frame from the arguments (or refuse, changing nothing), start
     * the promoted parameters from the arguments themselves, and run from the start.
     */
    private void directEntry() {
        int[] offsets = c.paramOffsets;
        int[] sizes = c.paramSizes;
        if (!c.direct) {
            push(Compiled.NOT_DIRECT);
            mv.visitInsn(IRETURN);
            return;
        }
        int page = framePage();
        Label framed = new Label();
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(LLOAD, L_FP);
        mv.visitVarInsn(ILOAD, L_D);
        mv.visitVarInsn(ILOAD, L_BASE);
        push(c.frameSize);
        push(shape.maxDepth() + 16);
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "directFrame", "(L" + CPU + ";L" + KS + ";JIIII)[B", false);
        mv.visitInsn(org.objectweb.asm.Opcodes.DUP);
        mv.visitVarInsn(ASTORE, page);
        mv.visitJumpInsn(IFNONNULL, framed);
        push(Compiled.NOT_DIRECT);
        mv.visitInsn(IRETURN);
        mv.visitLabel(framed);
        ksField("pageEpoch", "I");
        mv.visitVarInsn(ISTORE, frameEpoch());
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ALOAD, L_CODE);
        mv.visitVarInsn(ALOAD, page);
        mv.visitVarInsn(LLOAD, L_RET);
        mv.visitVarInsn(LLOAD, L_FP);
        mv.visitVarInsn(ILOAD, L_D);
        push(c.frameSize);
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, "linkFrame", "(L" + KS + ";L" + CODE + ";[BJJII)J", false);
        mv.visitVarInsn(LSTORE, L_FP);
        for (int i = 0; i < offsets.length; i++) {
            mv.visitVarInsn(ALOAD, page);
            mv.visitVarInsn(LLOAD, L_FP);
            mv.visitInsn(L2I);
            push(Bus.PAGE_SIZE - 1);
            mv.visitInsn(IAND);
            push(offsets[i]);
            mv.visitInsn(IADD);
            mv.visitVarInsn(LLOAD, L_ARG0 + 2 * i);
            mv.visitMethodInsn(INVOKESTATIC, FRAMES, "put" + sizes[i], "([BIJ)V", false);
        }
        registers(true);
        for (int j = 0; j < shape.promotedOffsets().length; j++) {
            int off = shape.promotedOffsets()[j];
            int w = shape.promotedSizes()[j];
            int param = -1;
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] == off && sizes[i] == w) {
                    param = i;
                }
            }
            if (param < 0) {
                reloadPromoted(j);
                continue;
            }
            // what a load of the width just stored gives back: the argument's low bytes, zero-extended
            mv.visitVarInsn(LLOAD, L_ARG0 + 2 * param);
            if (w < 8) {
                pushLong((1L << (8 * w)) - 1);
                mv.visitInsn(LAND);
            }
            mv.visitVarInsn(LSTORE, promoted(j));
        }
        mv.visitJumpInsn(GOTO, block[0]);
    }

    /**
     * Loads the frame's registers from ks and code (fp is already set, and with given, d and base,
     * as a direct call passes them) and starts the other JVM locals.
     */
    private void registers(boolean given) {
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "bus", "L" + BUS + ";");
        mv.visitVarInsn(ASTORE, L_BUS);
        ksField("left", "J");
        mv.visitVarInsn(LSTORE, L_LEFT);
        if (!given) {
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, framePage());
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, frameEpoch());
            ksField("depth", "I");
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
            mv.visitVarInsn(ISTORE, L_D);
            ksField("opBases", "[I");
            mv.visitVarInsn(ILOAD, L_D);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, L_BASE);
        }
        mv.visitVarInsn(ALOAD, L_CODE);
        mv.visitFieldInsn(GETFIELD, CODE, "symbols", "[J");
        mv.visitVarInsn(ASTORE, L_SYMS);
        for (int v : new int[] {L_EXIT_PC, L_EXIT_DEPTH, L_EXIT_ADJ, L_STATUS}) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, v);
        }
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, L_TMP);
        noPages();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, L_OFF);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, calleeLocal());
        for (int i = 0; i < shape.maxDepth(); i++) {
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, slot(i));
        }
    }

    private static boolean canThrow(int op) {
        return switch (op) {
            case LD1S, LD1U, LD2S, LD2U, LD4S, LD4U, LD8, ST1, ST2, ST4, ST8, COPY, ZERO, DIVS, DIVU, REMS, REMU,
                 CALL, CALLI, TRAP -> true;
            default -> false;
        };
    }

    private void prologue() {
        Label entered = new Label();
        mv.visitVarInsn(ILOAD, L_ENTRY);
        push(Compiled.CALL);
        mv.visitJumpInsn(IF_ICMPNE, entered);
        directEntry();
        mv.visitLabel(entered);
        ksField("fps", "[J");
        ksField("depth", "I");
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, L_FP);
        registers(false);
        reloadPromoted();
        // dispatch on the entry point; the interpreter only enters at the shape's entry points
        int n = c.ops.length;
        int count = 0;
        for (int pc = 0; pc < n; pc++) {
            if (shape.entry()[pc]) {
                count++;
            }
        }
        int[] keys = new int[count];
        Label[] stubs = new Label[count];
        for (int pc = 0, k = 0; pc < n; pc++) {
            if (shape.entry()[pc]) {
                keys[k] = pc;
                stubs[k++] = new Label();
            }
        }
        Label refuse = new Label();
        ksField("operands", "[J");
        mv.visitVarInsn(ASTORE, L_OPS);
        mv.visitVarInsn(ILOAD, L_ENTRY);
        mv.visitLookupSwitchInsn(refuse, keys, stubs);
        for (int k = 0; k < count; k++) {
            mv.visitLabel(stubs[k]);
            int d = shape.depth()[keys[k]];
            for (int i = 0; i < d; i++) {
                mv.visitVarInsn(ALOAD, L_OPS);
                mv.visitVarInsn(ILOAD, L_BASE);
                push(i);
                mv.visitInsn(IADD);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, slot(i));
            }
            mv.visitJumpInsn(GOTO, block[keys[k]]);
        }
        mv.visitLabel(refuse);
        push(Compiled.INTERPRET);
        mv.visitInsn(IRETURN);
    }

    /** The shared exits and the per-instruction fault handlers and deopt points. */
    private void stubs() {
        int n = c.ops.length;
        for (int pc = 0; pc < n; pc++) {
            if (deopt[pc] != null) {
                mv.visitLabel(deopt[pc]);
                exitTo(pc, shape.depth()[pc], shape.blockLength()[pc]);
            }
            if (handler[pc] != null) {
                mv.visitLabel(handler[pc]);
                mv.visitVarInsn(ALOAD, L_KS);
                mv.visitInsn(org.objectweb.asm.Opcodes.SWAP);
                mv.visitFieldInsn(PUTFIELD, KS, "thrown", "Ljava/lang/RuntimeException;");
                push(pc);
                mv.visitVarInsn(ISTORE, L_EXIT_PC);
                push(shape.depth()[pc]);
                mv.visitVarInsn(ISTORE, L_EXIT_DEPTH);
                push(shape.blockLength()[pc] - 1);
                mv.visitVarInsn(ISTORE, L_EXIT_ADJ);
                mv.visitJumpInsn(GOTO, thrown);
            }
        }
        // hand the frame to the interpreter at exitPc with exitDepth operands, refunding exitAdj
        mv.visitLabel(bail);
        spillExit();
        push(Compiled.INTERPRET);
        mv.visitInsn(IRETURN);
        mv.visitLabel(thrown);
        spillExit();
        push(Compiled.THROWN);
        mv.visitInsn(IRETURN);
    }

    private void spillExit() {
        ksField("operands", "[J");
        mv.visitVarInsn(ASTORE, L_OPS);
        mv.visitVarInsn(LLOAD, L_LEFT);
        mv.visitVarInsn(ILOAD, L_EXIT_ADJ);
        mv.visitInsn(I2L);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, L_LEFT);
        for (int i = 0; i < shape.maxDepth(); i++) {
            Label skip = new Label();
            mv.visitVarInsn(ILOAD, L_EXIT_DEPTH);
            push(i);
            mv.visitJumpInsn(IF_ICMPLE, skip);
            mv.visitVarInsn(ALOAD, L_OPS);
            mv.visitVarInsn(ILOAD, L_BASE);
            push(i);
            mv.visitInsn(IADD);
            mv.visitVarInsn(LLOAD, slot(i));
            mv.visitInsn(LASTORE);
            mv.visitLabel(skip);
        }
        mv.visitVarInsn(ALOAD, L_KS);
        mv.visitVarInsn(ILOAD, L_BASE);
        mv.visitVarInsn(ILOAD, L_EXIT_DEPTH);
        mv.visitInsn(IADD);
        mv.visitFieldInsn(PUTFIELD, KS, "nops", "I");
        ksField("pcs", "[I");
        mv.visitVarInsn(ILOAD, L_D);
        mv.visitVarInsn(ILOAD, L_EXIT_PC);
        mv.visitInsn(IASTORE);
        materialise();
        spillPromoted();
        saveLeft();
    }
}
