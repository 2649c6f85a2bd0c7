package dev.kplay.session;

import dev.kplay.cc.kbuild.Vmlinux;
import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.KernelImage;
import dev.kplay.userland.Proc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/*
 * ~/linux: the session's small editable part of the 6.1.192 tree, and the kernels built from it.
 * The files live in the kernel's file system at /root/linux (the shell edits them there, `make`
 * reads them there); this class keeps the session's copy, which survives reboots as a disk would
 * (a reboot takes the tree as it was on the old kernel) and which the files API and the editor see
 * as "linux/<path>". The newest successful build is the kernel the next reboot boots, unless the
 * user asked for the stock one ("reboot stock"). Everything here happens inside the session's
 * events (FileWritten, Executed "make", Rebooted), so a replay rebuilds the same tree and kernel.
 */

/** The kernel tree in ~/linux and the kernels built from it. */
final class LinuxTree {
    static final String PREFIX = "linux/";
    static final String ROOT = "/root/linux";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.+-]{0,63}");
    /** Deepest path a client may create in the tree (arch/x86/entry/syscalls/syscall_64.tbl is 5). */
    private static final int MAX_DEPTH = 8;
    /** Base of the wall clock, as SyscallTable's file times use it (seconds since the epoch at boot). */
    private static final long WALL_BASE = 1795659114L;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The stock tree's files as bytes, shared by every kernel's /root/linux until a file there changes. */
    private static final Map<String, byte[]> STOCK_BYTES = stockBytes();

    private static Map<String, byte[]> stockBytes() {
        Map<String, byte[]> m = new HashMap<>();
        for (Map.Entry<String, String> f : Vmlinux.stockTree().entrySet()) {
            m.put(f.getKey(), dev.kplay.kernel.fs.RegularFile.shareable(f.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        return Map.copyOf(m);
    }

    /** The tree's files by path relative to ~/linux, as of the last write or reboot. */
    private final TreeMap<String, String> files = new TreeMap<>(Vmlinux.stockTree());
    /** The tree as the last successful build saw it: what a rebuild compares against. */
    private Map<String, String> lastBuilt = Vmlinux.stockTree();
    /** The newest kernel built, or null while none was. */
    private KernelImage built;
    /** Boot the stock kernel even though one was built (reboot stock). */
    private boolean bootStock;

    /** Whether a files-API name is inside the tree ("linux/kernel/sys.c"). */
    static boolean isTreeName(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** The path inside the tree of a files-API name; 400 for a path that is not a plain relative one. */
    static String checkPath(String name) {
        String path = name.substring(PREFIX.length());
        String[] parts = path.split("/", -1);
        boolean ok = !path.isEmpty() && parts.length <= MAX_DEPTH;
        for (String p : parts) {
            ok &= SEGMENT.matcher(p).matches() && !p.equals(".") && !p.equals("..");
        }
        if (!ok) {
            throw new SessionException(SessionException.Kind.BAD_REQUEST, "bad path in the kernel tree: " + name
                    + " (use linux/<dir>/<file>: letters, digits and . _ + - in each part, no '..', at most "
                    + MAX_DEPTH + " parts)");
        }
        return path;
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        for (String f : files.keySet()) {
            out.add(PREFIX + f);
        }
        return out;
    }

    /** A tree file as the running kernel has it (shell edits included), or the session's copy. */
    String read(Kernel k, String path) {
        if (!files.containsKey(path)) {
            return null;
        }
        String live = readFile(k, 1, path);
        return live != null ? live : files.get(path);
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    int size() {
        return files.size();
    }

    /** A client wrote a tree file: into the copy and into the running kernel's /root/linux. */
    void write(Kernel k, String path, String text) {
        files.put(path, text);
        writeFile(k, 1, path, text);
    }

    void delete(Kernel k, String path) {
        files.remove(path);
        k.unlink(1, ROOT + "/" + path);
    }

    /** Takes the tree as the running kernel has it (shell edits included), before that kernel goes away. */
    void sync(Kernel k) {
        for (String path : new ArrayList<>(files.keySet())) {
            String text = lastText(k, path);
            if (text == null) {
                files.remove(path);
            } else {
                files.put(path, text);
            }
        }
    }

    /** Puts the tree into a freshly booted kernel's /root/linux. */
    void seed(Kernel k) {
        for (Map.Entry<String, String> f : files.entrySet()) {
            writeFile(k, 1, f.getKey(), f.getValue());
        }
    }

    /** The kernel the next boot starts: the newest build, or the stock kernel (none built, or asked for). */
    KernelImage bootImage() {
        return built != null && !bootStock ? built : KernelImage.stock().withBuiltin(Vmlinux.stockObject());
    }

    /** "reboot stock" / "reboot": which kernel the next boot starts. */
    void chooseStock(boolean stock) {
        bootStock = stock;
    }

    KernelImage built() {
        return built;
    }

    /** {@code make [-jN] [vmlinux|bzImage|all]} run by process p in ~/linux. Returns make's exit status. */
    int make(Kernel k, Proc p, List<String> args) {
        Vmlinux.Target target = Vmlinux.Target.ALL;
        for (String a : args) {
            if (a.matches("-j[0-9]*") || a.equals("-s") || a.matches("--jobs(=[0-9]+)?")) {
                continue;
            }
            switch (a) {
                case "all", "bzImage" -> target = a.equals("all") ? Vmlinux.Target.ALL : Vmlinux.Target.BZIMAGE;
                case "vmlinux" -> target = Vmlinux.Target.VMLINUX;
                default -> {
                    p.err().write(("make: *** No rule to make target '" + a + "'.  Stop.\n").getBytes(StandardCharsets.UTF_8));
                    return 2;
                }
            }
        }
        Map<String, String> tree = new LinkedHashMap<>();
        for (String f : Vmlinux.FILES) {
            String text = readFile(k, p.pid(), f);
            if (text != null) {
                tree.put(f, text);
            }
        }
        long wall = WALL_BASE + k.now() / 1_000_000_000L;
        Vmlinux.Result r = Vmlinux.make(tree, lastBuilt, target, DATE.format(Instant.ofEpochSecond(wall)));
        p.print(r.output());
        if (r.version() != null) {
            writeFile(k, p.pid(), ".version", r.version());
            tree.put(".version", r.version());
        }
        if (r.ok() && r.image() != null) {
            built = r.image();
            bootStock = false;
            lastBuilt = Map.copyOf(tree);
        }
        return r.status();
    }

    private static void writeFile(Kernel k, int pid, String path, String text) {
        int slash = path.lastIndexOf('/');
        k.vfs().mkdirs(ROOT + (slash < 0 ? "" : "/" + path.substring(0, slash)));
        long fd = k.open(pid, ROOT + "/" + path, 01 | 0100 | 01000, 0644);
        if (fd < 0) {
            return;
        }
        byte[] stock = STOCK_BYTES.get(path);
        k.write(pid, (int) fd, stock != null && text.equals(Vmlinux.stockTree().get(path)) ? stock
                : text.getBytes(StandardCharsets.UTF_8));
        k.close(pid, (int) fd);
    }

    /**
     * A tree file's text in a kernel about to go away: what readFile() would read, taken from the
     * inode when it is a plain file (no open, read and close by init, which nobody sees): the
     * stock text itself while the file still holds the stock bytes seeded at boot, else its bytes
     * decoded as readFile() decodes a file of one chunk. Anything else is read as before.
     */
    private static String lastText(Kernel k, String path) {
        if (k.vfs().lookup(ROOT + "/" + path) instanceof dev.kplay.kernel.fs.RegularFile f) {
            byte[] stock = STOCK_BYTES.get(path);
            if (stock != null && f.holds(stock)) {
                return Vmlinux.stockTree().get(path);
            }
            if (f.size() <= CHUNK) {
                return new String(f.contents(), StandardCharsets.UTF_8);
            }
        }
        return readFile(k, 1, path);
    }

    /** The most readFile() asks for in one read(). */
    private static final int CHUNK = 65536;

    private static String readFile(Kernel k, int pid, String path) {
        long fd = k.open(pid, ROOT + "/" + path, 0, 0);
        if (fd < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        try {
            while (true) {
                byte[] chunk = k.read(pid, (int) fd, CHUNK);
                if (chunk == null || chunk.length == 0) {
                    break;
                }
                b.append(new String(chunk, StandardCharsets.UTF_8));
            }
        } finally {
            k.close(pid, (int) fd);
        }
        return b.toString();
    }
}
