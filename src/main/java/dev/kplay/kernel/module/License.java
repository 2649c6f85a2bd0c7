package dev.kplay.kernel.module;

import java.util.Set;

/*
 * include/linux/license.h license_is_gpl_compatible(): the licence strings that do not taint.
 */

/** Module licence checks. */
final class License {
    private static final Set<String> GPL_COMPATIBLE = Set.of("GPL", "GPL v2", "GPL and additional rights",
            "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");

    private License() {}

    /** Models license_is_gpl_compatible(); null (no tag) is not compatible. */
    static boolean gplCompatible(String license) {
        return license != null && GPL_COMPATIBLE.contains(license);
    }
}
