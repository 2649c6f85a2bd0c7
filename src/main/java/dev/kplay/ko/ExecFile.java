package dev.kplay.ko;

/*
 * An executable: a linked user program, in the same container as a module (KoFile's ELF header
 * and payload) but with e_type ET_DYN, as gcc's default PIE executables have. So finit_module
 * refuses it (a module must be ET_REL: "Invalid module format"), and execve refuses a .ko
 * ("Exec format error"), as Linux does.
 */

/** Reads and writes kplay executables. */
public final class ExecFile {
    private static final int E_TYPE = 16;
    private static final byte ET_REL = 1, ET_DYN = 3;

    private ExecFile() {}

    /** The bytes of the executable for a linked image. */
    public static byte[] encode(ModuleImage image) {
        byte[] b = KoFile.encode(image);
        b[E_TYPE] = ET_DYN;
        return b;
    }

    /** Whether bytes start like an executable of kplay's (ELF, ET_DYN, x86-64). */
    public static boolean isExecutable(byte[] b) {
        return b != null && b.length > 64 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F'
                && b[E_TYPE] == ET_DYN && b[18] == 62;
    }

    /** Parses an executable; throws IllegalArgumentException if it is not one. */
    public static ModuleImage decode(byte[] b) {
        if (!isExecutable(b)) {
            throw new IllegalArgumentException("not an executable");
        }
        byte[] copy = b.clone();
        copy[E_TYPE] = ET_REL;
        return KoFile.decode(copy);
    }
}
