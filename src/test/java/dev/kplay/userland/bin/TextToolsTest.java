package dev.kplay.userland.bin;

import dev.kplay.userland.FakeSyscalls;
import dev.kplay.userland.sh.Shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dmesg, cat, grep, head, tail, wc, ls, uname: output formats checked against the real tools. */
class TextToolsTest {
    FakeSyscalls sys;
    Shell sh;

    @BeforeEach
    void setUp() {
        sys = new FakeSyscalls();
        sh = new Shell(sys, n -> true, Map.of());
        sys.put("/root/w.txt", "a b\nc\nd e f\n");
        sys.syslog = "<4>[    1.708421] hello_levels: loading out-of-tree module taints kernel.\n"
                + "<6>[    1.712646] Hello, world 3\n"
                + "<3>[    1.713000] boom\n";
    }

    String out(String line) {
        return sh.run(line).output();
    }

    @Test
    void dmesgFormats() {
        assertEquals("[    1.708421] hello_levels: loading out-of-tree module taints kernel.\n"
                + "[    1.712646] Hello, world 3\n[    1.713000] boom\n", out("dmesg"));
        assertEquals("<6>[    1.712646] Hello, world 3\n", out("dmesg -r | grep Hello"));
        assertEquals("kern  :err   : [    1.713000] boom\n", out("dmesg -x -l err"));
        assertEquals("Hello, world 3\n", out("dmesg -t --level=info"));
        assertEquals("dmesg: invalid option -- 'q'\nTry 'dmesg --help' for more information.\n", out("dmesg -q"));
    }

    @Test
    void wcWidthsFollowCoreutils() {
        assertEquals(" 3  6 12 w.txt\n", out("wc w.txt"));
        assertEquals("3 w.txt\n", out("wc -l w.txt"));
        assertEquals("      3       6      12\n", out("cat w.txt | wc"));
        assertEquals("3\n", out("cat w.txt | wc -l"));
        assertEquals(" 3 w.txt\n 3 w.txt\n 6 total\n", out("wc -l w.txt w.txt"));
        assertEquals("wc: nope: No such file or directory\n", out("wc nope"));
    }

    @Test
    void headAndTail() {
        assertEquals("a b\nc\n", out("head -n 2 w.txt"));
        assertEquals("a b\n", out("head -1 w.txt"));
        assertEquals("d e f\n", out("tail -n 1 w.txt"));
        assertEquals("c\nd e f\n", out("tail -n +2 w.txt"));
        assertEquals("a b", out("head -c 3 w.txt"));
        assertEquals("head: cannot open 'nope' for reading: No such file or directory\n", out("head nope"));
    }

    @Test
    void grepOptions() {
        assertEquals("c\n", out("grep -v ' ' w.txt"));
        assertEquals("2\n", out("grep -c ' ' w.txt"));
        assertEquals("3:d e f\n", out("grep -n 'd' w.txt"));
        assertEquals("1:a b\n2-c\n", out("grep -n -A1 a w.txt"));
        assertEquals("a b\nd e f\n", out("grep -E 'a|f' w.txt"));
        assertEquals("", out("grep 'a|f' w.txt"));
        assertEquals(1, sh.run("grep zzz w.txt").exitCode());
        assertEquals("grep: nope: No such file or directory\n", out("grep x nope"));
        assertEquals(2, sh.run("grep x nope").exitCode());
        assertEquals("[    1.712646] Hello, world 3\n--\n", out("dmesg | grep -A0 Hello; echo --"));
    }

    @Test
    void sedInPlaceEditsEachFile() {
        assertEquals("", out("printf 'abc\\nbcd\\n' > t.txt; sed -i s/b/X/ t.txt"));
        assertEquals("aXc\nXcd\n", out("cat t.txt"));
        assertEquals("Xcd\n", out("sed -i -n 2p t.txt; cat t.txt"));
        assertEquals("sed: can't read nope: No such file or directory\n", out("sed -i s/a/b/ nope"));
        assertEquals(2, sh.run("sed -i s/a/b/ nope").exitCode());
    }

    @Test
    void grepContextSeparators() {
        sys.put("/root/ctx", "m1\nx\nx\nx\nm2\nx\n");
        assertEquals("m1\nx\n--\nm2\nx\n", out("grep -A1 m ctx"));
    }

    @Test
    void catErrorsAndStdin() {
        assertEquals("cat: /nope: No such file or directory\n", out("cat /nope"));
        assertEquals("cat: /proc: Is a directory\n", out("cat /proc"));
        assertEquals("     1\ta b\n     2\tc\n     3\td e f\n", out("cat -n w.txt"));
    }

    @Test
    void lsColumnsAndLong() {
        sys.files.put("/sys/module/params", null);
        sys.files.put("/sys/module/params/parameters", null);
        for (String n : List.of("count", "name", "values")) {
            sys.put("/sys/module/params/parameters/" + n, "");
        }
        assertEquals("count  name  values\n", out("ls /sys/module/params/parameters/"));
        assertEquals("count\nname\nvalues\n", out("ls /sys/module/params/parameters | cat"));
        assertEquals("ls: cannot access '/nope': No such file or directory\n", out("ls /nope"));
        assertEquals(2, sh.run("ls /nope").exitCode());
        assertEquals("-rw-r--r-- 1 root root 12 Nov 26 02:12 w.txt\n", out("ls -l w.txt"));
    }

    @Test
    void lsColumnLayoutFillsDownThenAcross() {
        List<String> names = List.of("aaaaaaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaaaaaa2", "aaaaaaaaaaaaaaaaaaaa3",
                "aaaaaaaaaaaaaaaaaaaa4", "b");
        assertEquals("aaaaaaaaaaaaaaaaaaaa1  aaaaaaaaaaaaaaaaaaaa3  b\naaaaaaaaaaaaaaaaaaaa2  aaaaaaaaaaaaaaaaaaaa4\n",
                Ls.columns(names, 80));
    }

    @Test
    void unameFields() {
        assertEquals("6.1.0-56-amd64\n", out("uname -r"));
        assertEquals("Linux\n", out("uname"));
        assertEquals("Linux kplay 6.1.0-56-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16) x86_64 GNU/Linux\n",
                out("uname -a"));
    }

    @Test
    void mknodMakesTheNodeThroughTheSyscall() {
        assertEquals("", out("mknod /dev/chardev c 240 0"));
        assertEquals("", out("mknod -m 600 /root/big c 300 70000"));
        assertEquals("", out("mknod /root/fifo p"));
        assertEquals(List.of("mknod /dev/chardev 20644 f000", "mknod /root/big 20600 11112c70",
                "mknod /root/fifo 10644 0"), sys.calls.stream().filter(c -> c.startsWith("mknod")).toList());
        assertEquals("mknod: /dev/chardev: File exists\n", out("mknod /dev/chardev c 240 0"));
        assertEquals("mknod: invalid major device number 'x'\n", out("mknod /dev/y c x 0"));
    }
}
