package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;

import java.util.ArrayList;
import java.util.List;

/*
 * coreutils cat: each file is opened and copied with read(2)/write(2) chunk by chunk, so what a
 * module's read handler returned before an oops is already on the terminal when bash prints
 * "Killed". No arguments (or "-") copies stdin.
 */

/** cat [-n] [FILE...]. */
final class Cat {
    /**
     * Bytes asked for by each read(2): 64 KiB, as the reference system's cat (busybox, built with
     * FEATURE_COPYBUF_KB=64) asks; a driver that logs its read's length shows the same number.
     */
    static final int READ_SIZE = 65536;

    private Cat() {}

    static int run(Proc p) {
        boolean number = false;
        List<String> files = new ArrayList<>();
        for (String a : p.args()) {
            if (a.equals("-n")) {
                number = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                p.eprint("cat: invalid option -- '" + a.charAt(1) + "'\nTry 'cat --help' for more information.\n");
                return 1;
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            files.add("-");
        }
        int status = 0;
        int[] lineNo = {0};
        for (String f : files) {
            if (f.equals("-") && p.input().isTty()) {
                byte[] chunk;                                 // each line as n_tty's read returns it
                while ((chunk = p.input().read(p, READ_SIZE)).length > 0) {
                    emit(p, chunk, number, lineNo);
                }
                continue;
            }
            if (f.equals("-")) {
                emit(p, p.stdin(), number, lineNo);
                continue;
            }
            long fd = p.open(p.path(f), 0);
            if (fd < 0) {
                p.eprint("cat: " + f + ": " + Errno.strerror((int) fd) + "\n");
                status = 1;
                continue;
            }
            try {
                int total = 0;
                while (total < Proc.MAX_READ) {
                    byte[] chunk = p.read((int) fd, READ_SIZE);
                    if (chunk == null) {
                        p.eprint("cat: " + f + ": " + Errno.strerror(p.readFailure()) + "\n");
                        status = 1;
                        break;
                    }
                    if (chunk.length == 0) {
                        break;
                    }
                    total += chunk.length;
                    emit(p, chunk, number, lineNo);
                }
            } finally {
                p.sys().close(p.pid(), (int) fd);
            }
        }
        return status;
    }

    private static void emit(Proc p, byte[] data, boolean number, int[] lineNo) {
        if (!number) {
            p.write(data);
            return;
        }
        StringBuilder b = new StringBuilder();
        String s = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl + 1;
            b.append(String.format("%6d\t", ++lineNo[0])).append(s, start, end);
            start = end;
        }
        p.print(b.toString());
    }
}
