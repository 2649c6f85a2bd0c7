package dev.kplay.userland.bin;

import dev.kplay.cc.gcc.Gcc;
import dev.kplay.userland.Proc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * gcc (and cc) in the terminal: reads the C sources and headers of the working directory (what
 * cc1 could open), runs kplay's gcc driver for user programs, prints what gcc prints on stderr,
 * and writes the executable (mode 0755, replacing an old one as ld does).
 */

/** The gcc command. */
final class GccCommand {
    /** Largest source gcc reads here (the compiler has its own, smaller limit and says so). */
    private static final int MAX_FILE = 1 << 20;

    private GccCommand() {}

    static int run(Proc p) {
        Map<String, String> files = new TreeMap<>();
        List<String> names = p.sys().listDir(p.pid(), p.cwd());
        for (String n : names == null ? List.<String>of() : names) {
            if (n.endsWith(".c") || n.endsWith(".h")) {
                read(p, n, files);
            }
        }
        for (String a : p.args()) {
            if (!a.startsWith("-") && !files.containsKey(a)) {
                read(p, a, files);
            }
        }
        Gcc.Result r = Gcc.run(p.args(), files);
        p.eprint(r.output());
        if (r.executable() == null) {
            return r.status();
        }
        String out = p.path(r.outputFile());
        p.sys().unlink(p.pid(), out);
        long fd = p.check(p.sys().open(p.pid(), out, 01 | 0100 | 01000, 0755));
        if (fd < 0) {
            p.eprint("/usr/bin/ld: cannot open output file " + r.outputFile() + ": "
                    + dev.kplay.userland.Errno.strerror((int) fd) + "\ncollect2: error: ld returned 1 exit status\n");
            return 1;
        }
        p.check(p.sys().write(p.pid(), (int) fd, r.executable()));
        p.sys().close(p.pid(), (int) fd);
        return r.status();
    }

    private static void read(Proc p, String name, Map<String, String> files) {
        long[] st = p.sys().stat(p.pid(), p.path(name));
        if (st == null || (st[0] & 0170000) != 0100000 || st[1] > MAX_FILE) {
            return;
        }
        String text = p.readText(p.path(name));
        if (text != null) {
            files.put(name, text);
        }
    }
}
