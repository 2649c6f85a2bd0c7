package dev.kplay.userland;

import dev.kplay.kernel.syscall.Syscalls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * A tiny in-memory stand-in for the kernel behind Syscalls, for shell tests that must not depend
 * on module loading: files and directories, processes with exit statuses, a module list whose
 * /proc/modules text the test sets, and scripted results for finit_module/delete_module.
 */

/** In-memory Syscalls for userland unit tests. */
public class FakeSyscalls implements Syscalls {
    public final TreeMap<String, byte[]> files = new TreeMap<>();
    public final Map<String, Integer> modes = new HashMap<>();
    final Map<Integer, String[]> tasks = new TreeMap<>();
    final Map<Integer, Integer> status = new HashMap<>();
    final Map<Integer, Object[]> fds = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    public long finitResult;
    public long deleteResult;
    public String syslog = "";
    private int nextPid = 100;
    private int nextFd = 3;

    public FakeSyscalls() {
        for (String d : List.of("/", "/root", "/proc", "/sys", "/sys/module", "/dev")) {
            files.put(d, null);
        }
        tasks.put(1, new String[] {"init", "0", "/sbin/init"});
        put("/proc/modules", "");
    }

    public FakeSyscalls put(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public int spawn(int parent, String comm, List<String> argv) {
        int pid = nextPid++;
        tasks.put(pid, new String[] {comm, String.valueOf(parent), String.join("\0", argv)});
        calls.add("spawn " + comm);
        return pid;
    }

    @Override
    public void exit(int pid, int st) {
        status.put(pid, st << 8);
    }

    @Override
    public int exitStatus(int pid) {
        return status.getOrDefault(pid, -1);
    }

    @Override
    public long kill(int pid, int sig) {
        calls.add("kill " + pid + " " + sig);
        if (!tasks.containsKey(pid) || status.containsKey(pid)) {
            return -3;
        }
        if (sig == 9) {
            status.put(pid, 9);
        }
        return 0;
    }

    @Override
    public long open(int pid, String path, int flags, int mode) {
        if (!files.containsKey(path)) {
            String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
            if ((flags & 0100) == 0 || !files.containsKey(parent)) {
                return -2;
            }
            files.put(path, new byte[0]);
        }
        if (files.get(path) == null && (flags & 3) != 0) {
            return -21;
        }
        Integer m = modes.get(path);
        if (m != null && (flags & 3) != 0 && (m & 0200) == 0) {
            return -13;
        }
        if ((flags & 01000) != 0) {
            files.put(path, new byte[0]);
        }
        int fd = nextFd++;
        fds.put(fd, new Object[] {path, 0});
        return fd;
    }

    @Override
    public byte[] read(int pid, int fd, int count) {
        Object[] f = fds.get(fd);
        if (f[0].equals("/dev/block")) {
            lastErr = 4;
            return null;
        }
        byte[] data = files.get((String) f[0]);
        if (data == null) {
            lastErr = 21;
            return null;
        }
        int off = (Integer) f[1];
        int n = Math.min(count, data.length - off);
        f[1] = off + n;
        return Arrays.copyOfRange(data, off, off + n);
    }

    private int lastErr;

    @Override
    public long write(int pid, int fd, byte[] data) {
        String path = (String) fds.get(fd)[0];
        if (path.equals("/dev/oops")) {
            status.put(pid, 9);
            return DIED;
        }
        byte[] old = files.get(path);
        byte[] n = Arrays.copyOf(old, old.length + data.length);
        System.arraycopy(data, 0, n, old.length, data.length);
        files.put(path, n);
        return data.length;
    }

    @Override
    public long close(int pid, int fd) {
        calls.add("close " + pid + " " + fd);
        return fds.remove(fd) == null ? -9 : 0;
    }

    @Override
    public long dup2(int pid, int oldfd, int newfd) {
        if (!fds.containsKey(oldfd)) {
            return -9;
        }
        calls.add("dup2 " + pid + " " + oldfd + " " + newfd);
        fds.put(newfd, new Object[] {fds.get(oldfd)[0], 0});
        return newfd;
    }

    @Override
    public List<String> listDir(int pid, String path) {
        if (!files.containsKey(path) || files.get(path) != null) {
            return null;
        }
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> out = new ArrayList<>();
        for (String k : files.keySet()) {
            if (k.startsWith(prefix) && k.length() > prefix.length() && k.indexOf('/', prefix.length()) < 0) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    @Override
    public long[] stat(int pid, String path) {
        if (!files.containsKey(path)) {
            return null;
        }
        byte[] d = files.get(path);
        return d == null ? new long[] {0040755, 0, 2, 1795659133} : new long[] {0100000 | modes.getOrDefault(path, 0644), d.length, 1, 1795659133};
    }

    @Override
    public long unlink(int pid, String path) {
        return files.remove(path) == null ? -2 : 0;
    }

    /** CLOCK_MONOTONIC, advanced by tests. */
    public long now = 1_000_000_000L;

    @Override
    public long clockGettime(int pid, int clock) {
        return now;
    }

    @Override
    public long mknod(int pid, String path, int mode, long dev) {
        calls.add("mknod " + path + " " + Integer.toOctalString(mode) + " " + Long.toHexString(dev));
        if (files.containsKey(path)) {
            return -17;
        }
        files.put(path, new byte[0]);
        return 0;
    }

    @Override
    public int lastError(int pid) {
        return lastErr;
    }

    @Override
    public long finitModule(int pid, int fd, String params, int flags) {
        calls.add("finit " + params);
        return finitResult;
    }

    @Override
    public long deleteModule(int pid, String name, int flags) {
        calls.add("delete " + name + " " + Integer.toOctalString(flags));
        return deleteResult;
    }

    @Override
    public String syslog(int pid, int type) {
        return syslog;
    }

    @Override
    public String[] uname(int pid) {
        return new String[] {"Linux", "kplay", "6.1.0-56-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)", "x86_64"};
    }
}
