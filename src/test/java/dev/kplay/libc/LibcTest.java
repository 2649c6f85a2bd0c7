package dev.kplay.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kplay's libc against the machine's: one C program per header (src/test/resources/libc, listed
 * from the folder), each compiled with the host's gcc and run natively, then built with kplay's gcc
 * in a session and run as a kplay process; stdout (to a file, so both are fully buffered) and the
 * exit status must be the same. CI installs gcc and libc6-dev (.ci/run).
 */
class LibcTest {
    static Stream<String> programs() throws Exception {
        Path dir = Path.of(LibcTest.class.getResource("/libc").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .map(n -> n.substring(0, n.length() - 2)).sorted().toList().stream();
        }
    }

    record Run(int status, String stdout) {}

    /** gcc NAME.c && ./NAME > out, on this machine. */
    static Run nativeRun(String name, String source) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("libc-" + name);
        try {
            Files.writeString(dir.resolve(name + ".c"), source);
            Process gcc = new ProcessBuilder("gcc", "-o", name, name + ".c").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            String gccOut = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IllegalStateException("the host's gcc failed on " + name + ".c:\n" + gccOut);
            }
            Path out = dir.resolve("out.txt");
            Process p = new ProcessBuilder(dir.resolve(name).toString()).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not end natively");
            }
            return new Run(p.exitValue(), Files.readString(out));
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    @ParameterizedTest
    @MethodSource("programs")
    void behavesAsGlibc(String name) throws Exception {
        String source = new String(LibcTest.class.getResourceAsStream("/libc/" + name + ".c").readAllBytes(),
                StandardCharsets.UTF_8);
        Run expected = nativeRun(name, source);
        Session s = new Session("libc-" + name, Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
        s.putFile(name + ".c", source);
        Shell.Result gcc = s.exec("gcc -o " + name + " " + name + ".c", 60_000L);
        assertEquals("", gcc.output(), "kplay's gcc on " + name + ".c");
        Shell.Result run = s.exec("./" + name + " > /tmp/" + name + ".stdout", 60_000L);
        Shell.Result out = s.exec("cat /tmp/" + name + ".stdout", 60_000L);
        assertEquals(expected.stdout(), out.output(), name + ": stdout");
        assertEquals(expected.status(), run.exitCode(), name + ": exit status (terminal: " + run.output() + ")");
    }
}
