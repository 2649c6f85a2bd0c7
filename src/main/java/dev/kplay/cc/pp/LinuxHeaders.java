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
