package dev.kplay.userland.bin;

import dev.kplay.userland.Errno;
import dev.kplay.userland.Proc;
import dev.kplay.userland.TaskGone;
import dev.kplay.userland.bin.awk.Format;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/*
 * coreutils 9.1 dd, the way tutorials use it on a device: dd if=/dev/chardev bs=1 count=5, dd of=
 * a device, skip= and seek= on one that has llseek. Each read(2) asks for ibs bytes and each
 * write(2) gives obs bytes (or, with bs=, what the read returned), so a driver that logs its
 * lengths sees dd's; a short read is a partial record, and the records lines count them as dd
 * does. A read or write error stops the copy with dd's message and the statistics, exit 1.
 *
 * The statistics' last line is GNU's: "N bytes (SI, IEC) copied, %g s, RATE/s", with gnulib's
 * human_readable rounding. Its time is the copy's virtual time (a driver that sleeps in read
 * makes it longer) plus a modelled cost of the calls themselves, 1.5 us per read or write and
 * 0.25 ns per byte: plausible for the 6.1 guest, and the same on every run.
 *
 * Left out: conv= other than notrunc/fsync/fdatasync (no conversions), status=progress's live
 * line, oflag= and iflag= other than fullblock, truncation at seek= without notrunc.
 */

/** dd [OPERAND]... */
final class Dd {
    /** Default block size (512 bytes), as dd's. */
    private static final long BLOCK = 512;
    /** Most bytes one dd copies here (a copy with no count from /dev/zero would run until Ctrl-C on Linux). */
    static final long MAX_COPY = 64L << 20;
    /** Most bytes dd writes to standard output here (the shell keeps a pipe's bytes in memory; cat's limit). */
    static final long MAX_STDOUT = Proc.MAX_READ;
    private static final long SYSCALL_NANOS = 1500;
    /** Standard input or output (the shell's streams). */
    private static final int STD = -1;

    private Dd() {}

    /** What the operands asked for. */
    private static final class Job {
        String in;
        String out;
        long ibs = BLOCK;
        long obs = BLOCK;
        boolean bs;
        long count = -1;
        long skip;
        long seek;
        boolean notrunc;
        boolean fullblock;
        String status = "";
    }

    /** The copy's counts, as dd keeps them. */
    private static final class Stats {
        long rFull;
        long rPartial;
        long wFull;
        long wPartial;
        long bytes;
        long bytesIn;
        long calls;
        long start;
    }

    static int run(Proc p) {
        Job j = new Job();
        for (String a : p.args()) {
            String err = operand(a, j);
            if (err != null) {
                p.eprint("dd: " + err + "\n");
                return 1;
            }
        }
        int in = STD;                  // standard input and output are the shell's, not fds of this task here
        if (j.in != null) {
            long fd = p.open(p.path(j.in), 0);
            if (fd < 0) {
                p.eprint("dd: failed to open " + quoteaf(j.in) + ": " + Errno.strerror((int) fd) + "\n");
                return 1;
            }
            in = (int) fd;
        }
        int out = STD;
        if (j.out != null) {
            int flags = 01 | 0100 | (j.seek == 0 && !j.notrunc ? 01000 : 0);
            long fd = p.check(p.sys().open(p.pid(), p.path(j.out), flags, 0666));
            if (fd < 0) {
                p.eprint("dd: failed to open " + quoteaf(j.out) + ": " + Errno.strerror((int) fd) + "\n");
                close(p, in);
                return 1;
            }
            out = (int) fd;
        }
        Stats s = new Stats();
        int status;
        try {
            status = copy(p, j, in, out, s);
        } catch (TaskGone gone) {
            if (!gone.died) {
                stats(p, j, s);         // SIGINT: dd's handler prints the statistics, then dies of the signal
            }
            throw gone;
        } finally {
            close(p, in);
            close(p, out);
        }
        stats(p, j, s);
        return status;
    }

    private static void close(Proc p, int fd) {
        if (fd != STD) {
            p.sys().close(p.pid(), fd);
        }
    }

    /** Parses one operand into j; returns dd's complaint (with its "Try" line where dd gives one), or null. */
    private static String operand(String a, Job j) {
        int eq = a.indexOf('=');
        String key = eq < 0 ? a : a.substring(0, eq);
        String v = eq < 0 ? null : a.substring(eq + 1);
        String tryHelp = "\nTry 'dd --help' for more information.";
        if (v == null) {
            return "unrecognized operand " + quote(a) + tryHelp;
        }
        switch (key) {
            case "if" -> j.in = v;
            case "of" -> j.out = v;
            case "conv", "iflag", "oflag", "status" -> {
                for (String f : v.split(",", -1)) {
                    String bad = flag(key, f, j);
                    if (bad != null) {
                        return bad + quote(f) + tryHelp;
                    }
                }
            }
            case "bs", "ibs", "obs", "count", "skip", "seek", "iseek", "oseek" -> {
                long n = number(v);
                boolean size = key.endsWith("bs");
                if (n < 0 || size && n == 0) {
                    return "invalid number: " + quote(v);
                }
                switch (key) {
                    case "bs" -> {
                        j.ibs = n;
                        j.obs = n;
                        j.bs = true;
                    }
                    case "ibs" -> j.ibs = n;
                    case "obs" -> j.obs = n;
                    case "count" -> j.count = n;
                    case "skip", "iseek" -> j.skip = n;
                    default -> j.seek = n;
                }
            }
            default -> {
                return "unrecognized operand " + quote(a) + tryHelp;
            }
        }
        return null;
    }

    /** Applies one conv=/iflag=/oflag=/status= word; returns the start of dd's complaint if it has none such. */
    private static String flag(String key, String f, Job j) {
        switch (key) {
            case "conv" -> {
                if (f.equals("notrunc")) {
                    j.notrunc = true;
                } else if (!f.equals("fsync") && !f.equals("fdatasync")) {
                    return "invalid conversion: ";
                }
            }
            case "iflag" -> {
                if (!f.equals("fullblock")) {
                    return "invalid input flag: ";
                }
                j.fullblock = true;
            }
            case "oflag" -> {
                return "invalid output flag: ";
            }
            default -> {
                if (!f.equals("none") && !f.equals("noxfer") && !f.equals("progress")) {
                    return "invalid status level: ";
                }
                j.status = f;
            }
        }
        return null;
    }

    /**
     * dd's number: digits with an optional suffix (c=1, w=2, b=512, kB/K/KiB, MB/M/MiB, GB/G/GiB...),
     * products with 'x' (2x512); -1 if it is not one.
     */
    static long number(String v) {
        long product = 1;
        for (String factor : v.split("x", -1)) {
            int i = 0;
            while (i < factor.length() && Character.isDigit(factor.charAt(i))) {
                i++;
            }
            if (i == 0 || i > 18) {
                return -1;
            }
            long mult = suffix(factor.substring(i));
            long n = Long.parseLong(factor.substring(0, i));
            if (mult < 0 || n != 0 && mult > Long.MAX_VALUE / n) {
                return -1;
            }
            n *= mult;
            if (n != 0 && product > Long.MAX_VALUE / n) {
                return -1;
            }
            product *= n;
        }
        return product;
    }

    private static long suffix(String s) {
        if (s.isEmpty()) {
            return 1;
        }
        switch (s) {
            case "c" -> {
                return 1;
            }
            case "w" -> {
                return 2;
            }
            case "b" -> {
                return 512;
            }
            default -> { }
        }
        int power = "kKMGTPE".indexOf(s.charAt(0));
        if (power < 0) {
            return -1;
        }
        power = Math.max(1, power);
        String rest = s.substring(1);
        long base = switch (rest) {
            case "", "iB" -> 1024;
            case "B" -> 1000;
            default -> -1;
        };
        if (base < 0) {
            return -1;
        }
        long m = 1;
        for (int k = 0; k < power; k++) {
            m *= base;
        }
        return m;
    }

    /** The copy loop: returns the exit status. */
    private static int copy(Proc p, Job j, int in, int out, Stats s) {
        if (j.skip > 0) {
            skip(p, j, in, s);
        }
        if (j.seek > 0 && out != STD) {
            p.check(p.sys().lseek(p.pid(), out, j.seek * j.obs, 0));
        }
        s.start = p.sys().clockGettime(p.pid(), 1);
        long limit = out == STD ? MAX_STDOUT : MAX_COPY;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (long blocks = 0; j.count < 0 || blocks < j.count; blocks++) {
            if (s.bytes >= limit) {
                p.eprint("dd: kplay stops a copy after " + limit + " bytes\n");
                break;
            }
            byte[] data = read(p, j, in, s);
            if (data == null) {
                p.eprint("dd: error reading " + name(j.in, "standard input") + ": "
                        + Errno.strerror(p.readFailure()) + "\n");
                flush(p, j, out, pending, s, true);
                return 1;
            }
            if (data.length == 0) {
                break;
            }
            if (data.length == j.ibs) {
                s.rFull++;
            } else {
                s.rPartial++;
            }
            if (j.bs) {
                if (!write(p, j, out, data, s)) {
                    return 1;
                }
            } else {
                pending.write(data, 0, data.length);
                if (!flush(p, j, out, pending, s, false)) {
                    return 1;
                }
            }
        }
        return flush(p, j, out, pending, s, true) ? 0 : 1;
    }

    /** One input block: ibs bytes asked for (gathered to a full block with iflag=fullblock); null on an error. */
    private static byte[] read(Proc p, Job j, int in, Stats s) {
        int want = (int) Math.min(j.ibs, Proc.MAX_READ);
        if (in == STD && !p.input().isTty()) {
            return stdinBlock(p, want, s);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            s.calls++;
            byte[] chunk = in == STD ? p.input().read(p, want - b.size()) : p.read(in, want - b.size());
            if (chunk == null) {
                return null;
            }
            if (chunk.length == 0) {
                break;
            }
            b.write(chunk, 0, chunk.length);
        } while (j.fullblock && b.size() < want);
        return b.toByteArray();
    }

    /** A pipe's read: the bytes the command before dd wrote, ibs at a time. */
    private static byte[] stdinBlock(Proc p, int want, Stats s) {
        s.calls++;
        byte[] all = p.stdin();
        int at = (int) Math.min(all.length, s.bytesIn);
        int n = Math.min(want, all.length - at);
        s.bytesIn += n;
        return Arrays.copyOfRange(all, at, at + n);
    }

    /** Writes full obs blocks of pending (and, at the end, what is left as a partial one); false after a write error. */
    private static boolean flush(Proc p, Job j, int out, ByteArrayOutputStream pending, Stats s, boolean end) {
        byte[] buf = pending.toByteArray();
        int at = 0;
        while (buf.length - at >= j.obs || end && buf.length > at) {
            int n = (int) Math.min(j.obs, buf.length - at);
            if (!write(p, j, out, Arrays.copyOfRange(buf, at, at + n), s)) {
                return false;
            }
            at += n;
        }
        pending.reset();
        pending.write(buf, at, buf.length - at);
        return true;
    }

    /** One write(2) of a block; false (and dd's message) after an error. */
    private static boolean write(Proc p, Job j, int out, byte[] data, Stats s) {
        s.calls++;
        long r = out == STD ? p.write(data) : p.check(p.sys().write(p.pid(), out, data));
        if (r < 0) {
            p.eprint("dd: error writing " + name(j.out, "standard output") + ": " + Errno.strerror((int) r) + "\n");
            return false;
        }
        if (data.length == j.obs && r == data.length) {
            s.wFull++;
        } else {
            s.wPartial++;
        }
        s.bytes += r;
        return true;
    }

    /** skip=N: lseek past N input blocks, or read them when the input cannot seek. */
    private static void skip(Proc p, Job j, int in, Stats s) {
        if (in != STD) {
            long r = p.check(p.sys().lseek(p.pid(), in, j.skip * j.ibs, 1));
            if (r >= 0) {
                return;
            }
        }
        for (long k = 0; k < j.skip; k++) {
            byte[] b = read(p, j, in, s);
            if (b == null || b.length == 0) {
                return;
            }
        }
    }

    /** The records lines and, unless status=noxfer, the transfer line; nothing with status=none. */
    private static void stats(Proc p, Job j, Stats s) {
        if (j.status.equals("none")) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(s.rFull).append('+').append(s.rPartial).append(" records in\n");
        b.append(s.wFull).append('+').append(s.wPartial).append(" records out\n");
        if (!j.status.equals("noxfer")) {
            long now = p.sys().clockGettime(p.pid(), 1);
            long nanos = Math.max(0, now - s.start) + s.calls * SYSCALL_NANOS + s.bytes / 4;
            b.append(transfer(s.bytes, nanos)).append('\n');
        }
        p.eprint(b.toString());
    }

    /** dd's print_xfer_stats line for {@code bytes} copied in {@code nanos}. */
    static String transfer(long bytes, long nanos) {
        String si = HumanReadable.format(bytes, 1, 1, false);
        String iec = HumanReadable.format(bytes, 1, 1, true);
        String rate = nanos > 0 ? HumanReadable.format(bytes, 1_000_000_000L, nanos, false) + "/s" : "Infinity B/s";
        String time = Format.general(nanos / 1e9, 6, false) + " s";
        if (lacksPrefix(si)) {
            return bytes + (bytes == 1 ? " byte" : " bytes") + " copied, " + time + ", " + rate;
        }
        if (lacksPrefix(iec)) {
            return bytes + " bytes (" + si + ") copied, " + time + ", " + rate;
        }
        return bytes + " bytes (" + si + ", " + iec + ") copied, " + time + ", " + rate;
    }

    private static boolean lacksPrefix(String s) {
        return s.charAt(s.length() - 2) == ' ';
    }

    private static String name(String file, String std) {
        return file == null ? std : quoteaf(file);
    }

    /** quote(): ‘arg’, as coreutils quotes an operand in a UTF-8 locale. */
    private static String quote(String s) {
        return "\u2018" + s + "\u2019";
    }

    /** quoteaf(): the file name in single quotes, as the shell would read it back. */
    private static String quoteaf(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
