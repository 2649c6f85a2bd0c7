package dev.kplay.cc.pp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The header names a module can include on a real Linux 6.1 build (kbuild's include path over
 * linux-headers-6.1: include/, include/uapi, arch/x86/include and their generated parts), listed in
 * resources/kplay/linux-6.1-headers.txt. kplay ships a subset; when an #include names one it lacks,
 * gcc's fatal error stands and one kplay note says the header is real but not simulated yet, so a
 * learner knows the module is not wrong.
 */
final class LinuxHeaders {
    private static final Set<String> NAMES = load();

    private LinuxHeaders() {}

    /** Where Debian's linux-headers packages put 6.1's headers, as kbuild's -I options name them to gcc. */
    static final String COMMON = "/usr/src/linux-headers-6.1.0-56-common";
    static final String ARCH_BUILD = "/usr/src/linux-headers-6.1.0-56-amd64";

    private static final Set<String> GENERATED_UAPI_ASM = Set.of("asm/errno.h", "asm/ioctl.h", "asm/param.h");
    private static final Set<String> UAPI = Set.of("linux/ioctl.h", "linux/major.h", "asm-generic/errno-base.h",
        "asm-generic/errno.h");

    /**
     * The path gcc prints for kplay's header {@code name} ("linux/printk.h"): where kbuild's include
     * path finds that header in linux-headers-6.1.0-56 (arch/x86/include first, then include/,
     * the uapi directories and the generated ones), as in a diagnostic's "In file included from".
     */
    static String path(String name) {
        if (name.startsWith("generated/")) return ARCH_BUILD + "/include/" + name;
        if (name.equals("linux/version.h")) return ARCH_BUILD + "/include/generated/uapi/" + name;
        if (GENERATED_UAPI_ASM.contains(name)) return ARCH_BUILD + "/arch/x86/include/generated/uapi/" + name;
        if (name.startsWith("asm/")) return COMMON + "/arch/x86/include/" + name;
        if (UAPI.contains(name)) return COMMON + "/include/uapi/" + name;
        return COMMON + "/include/" + name;
    }

    /** Whether {@code name} ("linux/debugfs.h") is a header of Linux 6.1. */
    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    private static Set<String> load() {
        try (InputStream in = LinuxHeaders.class.getResourceAsStream("/kplay/linux-6.1-headers.txt")) {
            if (in == null) throw new IllegalStateException("resources/kplay/linux-6.1-headers.txt is missing");
            return Set.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toArray(String[]::new));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read linux-6.1-headers.txt", e);
        }
    }
}
