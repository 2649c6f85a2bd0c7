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

    @Test
    void buildButtonBuildsAUserProgramWithMakesBuiltinRule() {
        Session s = session();
        s.putFile("test.c", "#include <stdio.h>\nint main(void)\n{\n\tputs(\"built by the button\");\n\treturn 0;\n}\n");
        dev.kplay.cc.kbuild.BuildResult b = s.build();
        assertTrue(b.ok(), b.output());
        assertEquals("cc     test.c   -o test\n", b.output());
        assertEquals("built by the button\n", run(s, "./test").output());
        s.reboot();
        assertEquals("built by the button\n", run(s, "./test").output(), "the executable is reinstalled at boot");
    }

    @Test
    void aBackgroundProgramsLaterOutputShowsOnTheNextLine() {
        Session s = session();
        s.putFile("late.c", "#include <stdio.h>\n#include <unistd.h>\nint main(void)\n{\n\tprintf(\"start\\n\");\n"
                + "\tsleep(1);\n\tprintf(\"woke up\\n\");\n\treturn 0;\n}\n");
        assertEquals(0, run(s, "gcc -o late late.c").exitCode());
        Shell.Result bg = run(s, "./late &");
        assertTrue(bg.output().endsWith("start\n"), bg.output());
        Shell.Result later = run(s, "sleep 2");
        assertTrue(later.output().startsWith("woke up\n"), later.output());
    }

    @Test
    void anUnmodelledSyscallStopsTheProcessWithANote() {
        Session s = session();
        s.putFile("fork.c", "#include <unistd.h>\n#include <sys/syscall.h>\nint main(void)\n{\n\tsyscall(SYS_fork);\n\treturn 0;\n}\n");
        assertEquals(0, run(s, "gcc -o fork fork.c").exitCode());
        Shell.Result r = run(s, "./fork");
        assertEquals("kplay: sys_fork (system call 57) is not modelled by kplay's kernel; fork is stopped with SIGSYS\n"
                + "Bad system call\n", r.output());
        assertEquals(128 + 31, r.exitCode());
    }

    @Test
    void runawayProgramsAreBounded() {
        Session s = session();
        s.putFile("deep.c", "int f(int n)\n{\n\treturn f(n + 1) + 1;\n}\nint main(void)\n{\n\treturn f(0);\n}\n");
        s.putFile("hog.c", "#include <stdio.h>\n#include <stdlib.h>\nint main(void)\n{\n\tlong n = 0;\n"
                + "\twhile (malloc(1 << 20))\n\t\tn++;\n\tprintf(\"%ld MiB\\n\", n);\n\treturn 0;\n}\n");
        assertEquals(0, run(s, "gcc -o deep deep.c && gcc -o hog hog.c").exitCode());
        Shell.Result deep = run(s, "./deep");
        assertEquals("Segmentation fault\n", deep.output());
        assertEquals(139, deep.exitCode());
        Shell.Result hog = run(s, "./hog");
        assertEquals(0, hog.exitCode());
        assertTrue(hog.output().matches("6[0-3] MiB\n"), hog.output());
    }

    @Test
    void aBackgroundSleeperShowsAsSleeping() {
        Session s = session();
        s.putFile("nap.c", "#include <unistd.h>\nint main(void)\n{\n\tsleep(30);\n\treturn 0;\n}\n");
        assertEquals(0, run(s, "gcc -o nap nap.c").exitCode());
        run(s, "./nap &");
        assertTrue(run(s, "ps -o pid,stat,args").output().contains(" S    ./nap"), run(s, "ps -o pid,stat,args").output());
        Shell.Result kill = run(s, "kill %1; sleep 1");
        String ps = run(s, "ps -o pid,stat,args").output();
        assertTrue(!ps.contains(" S    ./nap") && ps.contains("Terminated              ./nap"), kill.output() + ps);
    }
}
