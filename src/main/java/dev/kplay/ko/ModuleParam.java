package dev.kplay.ko;

/**
 * A module_param / module_param_array declaration.
 *
 * <p>{@code type} is the kernel param type name: "byte", "short", "ushort", "int", "uint", "long",
 * "ulong", "charp", "bool", "invbool", "string". The variable is symbol #{@code symbol}; for an
 * array, {@code arrayLen} is its capacity and {@code countSymbol} the symbol of the element-count
 * variable (or -1); otherwise arrayLen is 0. {@code perm} is the sysfs mode (0 = not in sysfs).
 */
public record ModuleParam(String name, String type, int symbol, int arrayLen, int countSymbol, int perm,
                          String description) {}
