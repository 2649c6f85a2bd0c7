package dev.kplay.kernel.panic;

/*
 * kernel/panic.c: the taint mask and print_tainted(). The flag table is 6.1's taint_flags[], in
 * bit order; print_tainted() prints one column per flag (so "G           OE     "), and module
 * taint strings ("OE", "POE") use the same order.
 */

/** The kernel's taint mask. */
public final class Taint {
    public static final int PROPRIETARY_MODULE = 0;
    public static final int BAD_PAGE = 5;
    public static final int DIE = 7;
    public static final int WARN = 9;
    public static final int OOT_MODULE = 12;
    public static final int UNSIGNED_MODULE = 13;
    public static final int SOFTLOCKUP = 14;
    /** taint_flags[i].c_true, for i = 0..18 (TAINT_FLAGS_COUNT). */
    static final String LETTERS = "PFSRMBUDAWCIOELKXTN";

    private long mask;

    /** Models add_taint(). */
    public void add(int flag) {
        mask |= 1L << flag;
    }

    public boolean test(int flag) {
        return (mask & (1L << flag)) != 0;
    }

    /** /proc/sys/kernel/tainted. */
    public long mask() {
        return mask;
    }

    /** Models print_tainted(): "Tainted: G           OE     " or "Not tainted". */
    public String printTainted() {
        if (mask == 0) {
            return "Not tainted";
        }
        StringBuilder sb = new StringBuilder("Tainted: ");
        for (int i = 0; i < LETTERS.length(); i++) {
            boolean set = test(i);
            sb.append(set ? LETTERS.charAt(i) : i == PROPRIETARY_MODULE ? 'G' : ' ');
        }
        return sb.toString();
    }

    /** The set letters in flag order, "G" when clean of P and nothing else set (KernelSnapshot). */
    public String letters() {
        return letters(mask);
    }

    /** The letters of a mask in flag order (module taint: "OE", "POE"); "G" for an empty mask. */
    public static String letters(long mask) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LETTERS.length(); i++) {
            if ((mask & (1L << i)) != 0) {
                sb.append(LETTERS.charAt(i));
            }
        }
        return sb.length() == 0 ? "G" : sb.toString();
    }

    /** module_flags' taint part: letters only, "" for none. */
    public static String moduleLetters(long mask) {
        return mask == 0 ? "" : letters(mask);
    }
}
