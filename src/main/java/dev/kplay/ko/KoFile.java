package dev.kplay.ko;

/*
 * The .ko file codec (skeleton): encode/decode of a ModuleImage.
 */

/** Reads and writes X.ko files. */
public final class KoFile {
    private KoFile() {}

    /** The bytes of X.ko for this image (deterministic; begins with the ELF magic). */
    public static byte[] encode(ModuleImage image) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Parses X.ko; throws IllegalArgumentException on a bad image. */
    public static ModuleImage decode(byte[] bytes) {
        throw new IllegalArgumentException("not an ELF module");
    }
}
