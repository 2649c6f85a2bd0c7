package dev.kplay.vm;

/*
 * The frames compiled code pushes and pops itself, and the page accessors it uses: a direct call's
 * frame goes into a page of the kernel stack at hand with the same stores the interpreter's CALL
 * makes (return address, saved frame pointer, arguments), and stays lazy, without a KernelStack
 * entry, until something could read one (materialise; see Compiled). Loads and stores at a page
 * compiled code holds are little-endian, as AddressSpace keeps memory.
 */

/** Frame pushes, lazy frames and page accessors of compiled code. */
final class Frames {
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private Frames() {}

    /**
     * A direct call's frame, pushed by the callee's compiled code (entry Compiled.CALL) with the
     * same stores into the stack as Cpu.enter(): the page where the new frame of frameSize bytes,
     * frame d below the caller's at callerFp with its operands from base up to base + room, goes
     * when it lies in one page at hand and the frame arrays, the operand stack and the Java stack
     * have room; else null (nothing changed), and the call goes through invoke instead. The
     * callee's translation passes its own frameSize and room (maxDepth + 16) as constants.
     */
    static byte[] directFrame(Cpu cpu, KernelStack ks, long callerFp, int d, int base, int frameSize, int room) {
        long fp = callerFp - 16 - frameSize;
        if (d >= ks.codes.length || fp < ks.base() || d >= ks.javaLimit || base + room > ks.operands.length) {
            return null;
        }
        int len = 16 + frameSize;
        if (fp >>> 12 == ks.pagePfn && (int) (fp & (Bus.PAGE_SIZE - 1)) + len <= Bus.PAGE_SIZE
                && ks.pageEpoch == cpu.bus.epoch()) {
            return ks.page;
        }
        byte[] page = cpu.bus.writableBytes(fp, len);
        if (page != null) {
            ks.page = page;
            ks.pagePfn = fp >>> 12;
            ks.pageEpoch = cpu.bus.epoch();
        }
        return page;
    }

    /**
     * Pushes code's frame d (frameSize bytes) in the page directFrame gave: the return address and the saved frame
     * pointer (the caller's); returns the new frame pointer. The frame is lazy (see Compiled): of
     * its KernelStack entry only the code is written. The compiled callee then stores its
     * parameters (put1..put8).
     */
    static long linkFrame(KernelStack ks, Code code, byte[] page, long ret, long callerFp, int d, int frameSize) {
        long fp = callerFp - 16 - frameSize;
        int top = (int) (fp & (Bus.PAGE_SIZE - 1)) + 16 + frameSize;
        LONG.set(page, top - 8, ret);
        LONG.set(page, top - 16, callerFp);
        ks.codes[d] = code;
        return fp;
    }

    /**
     * Writes the KernelStack entries of the lazy frames up to frame d (code's, at fp with its
     * operands from base), so that ks describes every frame as the interpreter would have pushed
     * them; nothing to do if frame d's entry is written already. The caller sets frame d's pc
     * and ks.nops.
     */
    static void materialise(KernelStack ks, Code code, int d, long fp, int base) {
        int written = ks.depth;
        if (written > d) {
            return;
        }
        ks.depth = d + 1;
        ks.sp = fp;
        Code c = code;
        for (int k = d; ; k--) {
            long entrySp = fp + 16 + c.frameSize;
            ks.codes[k] = c;
            ks.fps[k] = fp;
            ks.opBases[k] = base;
            ks.entrySps[k] = entrySp;
            ks.vaAreas[k] = entrySp;
            if (k == written) {
                return;
            }
            // the caller: its frame starts where this one's return address ends, its operands
            // below the ones it left at the call
            c = ks.codes[k - 1];
            int pc = ks.pcs[k - 1];
            base -= c.compiled.depth[pc] - c.bs[pc] - (c.ops[pc] == Opcodes.CALLI ? 1 : 0);
            fp = entrySp;
        }
    }

    /** VASTART of compiled frame d at fp: a lazy frame is never variadic, so its va_list area is where its caller's sp was. */
    static long vaArea(KernelStack ks, Code code, int d, long fp) {
        return ks.depth > d ? ks.vaAreas[d] : fp + 16 + code.frameSize;
    }

    /** RET of a compiled frame d: pops its KernelStack entry if it has one (lazy frames have none). */
    static void leave(KernelStack ks, int d) {
        if (ks.depth > d) {
            int top = --ks.depth;
            ks.sp = ks.entrySps[top];
            ks.nops = ks.opBases[top];
            ks.codes[top] = null;
        }
    }

    // A parameter's store into the page of a frame that linkFrame pushed, at byte offset at.

    static void put1(byte[] page, int at, long value) { page[at] = (byte) value; }

    static void put2(byte[] page, int at, long value) { SHORT.set(page, at, (short) value); }

    static void put4(byte[] page, int at, long value) { INT.set(page, at, (int) value); }

    static void put8(byte[] page, int at, long value) { LONG.set(page, at, value); }

    // Loads from a page compiled code holds (zero-extended, as Bus.load1..load8 give them).

    static long get1(byte[] page, int at) { return page[at] & 0xffL; }

    static long get2(byte[] page, int at) { return (short) SHORT.get(page, at) & 0xffffL; }

    static long get4(byte[] page, int at) { return (int) INT.get(page, at) & 0xffffffffL; }

    static long get8(byte[] page, int at) { return (long) LONG.get(page, at); }

    /**
     * Where a site holds no page: a non-canonical address, so no address within a page of it is one
     * a load or store can reach (the bus faults there first).
     */
    static final long NO_PAGE = 0x4000_0000_0000_0000L;

    /** The start address compiled code keeps with a page it holds: addr's page's, or NO_PAGE for none. */
    static long baseOf(byte[] page, long addr) { return page == null ? NO_PAGE : addr & -Bus.PAGE_SIZE; }

    /** The code of the top frame (the callee TierCalls.invoke just entered, with ENTER). */
    static Code top(KernelStack ks) {
        return ks.codes[ks.depth - 1];
    }
}
