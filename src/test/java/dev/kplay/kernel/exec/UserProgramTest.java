package dev.kplay.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import dev.kplay.session.Session;
import dev.kplay.session.SessionLimits;
import dev.kplay.userland.sh.Shell;
import org.junit.jupiter.api.Test;

/** User programs end to end in a session: gcc in the shell, ./prog in user mode, syscalls by number. */
class UserProgramTest {
    static Session session() {
        return new Session("user", Kbuild::build, SessionLimits.defaults().fastForward(), System::nanoTime);
    }

    static Shell.Result run(Session s, String line) {
        return s.exec(line, 60_000L);
    }

    @Test
    void helloWorldRunsAsAProcess() {
        Session s = session();
        s.putFile("hello.c", "#include <stdio.h>\n#include <unistd.h>\nint main(int argc, char **argv)\n{\n"
                + "\tprintf(\"Hello, world! argc=%d argv[1]=%s %p\\n\", argc, argv[1], (void *)0);\n"
                + "\treturn 3;\n}\n");
        Shell.Result b = run(s, "gcc -Wall -o hello hello.c");
        assertEquals("", b.output());
        assertEquals(0, b.exitCode());
        Shell.Result r = run(s, "./hello abc");
        assertEquals("Hello, world! argc=2 argv[1]=abc (nil)\n", r.output());
        assertEquals(3, r.exitCode());
        Shell.Result piped = run(s, "./hello x | wc -c");
        assertEquals("37\n", piped.output());
    }

    @Test
    void nullDereferenceIsASegfault() {
        Session s = session();
        s.putFile("segv.c", "int main(void)\n{\n\tint *p = 0;\n\treturn *p;\n}\n");
        assertEquals(0, run(s, "gcc segv.c").exitCode());
        Shell.Result r = run(s, "./a.out");
        assertEquals("Segmentation fault\n", r.output());
        assertEquals(139, r.exitCode());
        assertTrue(s.dmesg().contains("a.out[") && s.dmesg().contains("]: segfault at 0 ip "), s.dmesg());
    }

    @Test
    void perrorOfAMissingFile() {
        Session s = session();
        s.putFile("p.c", "#include <stdio.h>\n#include <fcntl.h>\n#include <errno.h>\n#include <string.h>\n"
                + "int main(void)\n{\n\tint fd = open(\"/nope\", O_RDONLY);\n\tif (fd < 0) {\n\t\tperror(\"open\");\n"
                + "\t\tprintf(\"%d %s\\n\", errno, strerror(errno));\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n");
        assertEquals(0, run(s, "gcc -o p p.c").exitCode());
        Shell.Result r = run(s, "./p");
        assertEquals("open: No such file or directory\n2 No such file or directory\n", r.output());
        assertEquals(1, r.exitCode());
    }
}
