package dev.kplay.kernel.module;

/*
 * struct kernel_param as the module's __param section holds it (layout fixed by kplay's
 * <linux/moduleparam.h>): name@0 mod@8 ops@16 perm@24 level@26 flags@27 arg@32, 40 bytes.
 * The loader decodes each entry into this record; the type comes from which exported
 * param_ops_* the ops pointer names.
 */

/**
 * One module parameter.
 *
 * @param name    the parameter name
 * @param address where the struct kernel_param sits
 * @param type    the ops name without "param_ops_" ("int", "charp", ... or "array")
 * @param perm    sysfs permission bits
 * @param arg     the arg pointer (the variable, or struct kparam_array / kparam_string)
 */
public record KernelParam(String name, long address, String type, int perm, long arg) {
    public static final int SIZE = 40;
    public static final int NAME = 0, MOD = 8, OPS = 16, PERM = 24, LEVEL = 26, FLAGS = 27, ARG = 32;
}
