package dev.kplay.ko;

/**
 * A data relocation: after layout, the loader writes the 8-byte address of symbol #{@code symbol}
 * plus {@code addend} at {@code offset} in section {@code section}. This is how an initialised
 * pointer (a string literal, {@code .read = my_read}, {@code THIS_MODULE}) gets its value.
 * (Code needs none: SYM and CALL name symbols by index and are bound by the loader.)
 */
public record Relocation(String section, int offset, int symbol, long addend) {}
