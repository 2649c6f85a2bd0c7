package dev.kplay.kernel;

import dev.kplay.kernel.printk.LogRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** A booted kernel plus the few user-space steps tests need (what the shell does with syscalls). */
class KernelTestSupport {
    final Kernel k = Kernel.boot(config());

    /** The kernel's configuration (a test class may coarsen virtual time to keep runaway loops short). */
    KernelConfig config() {
        return KernelConfig.defaults();
    }

    void writeFile(String path, byte[] data) {
        long fd = k.open(1, path, 01 | 0100 | 01000, 0644);
        if (fd < 0) {
            throw new AssertionError("open " + path + ": " + fd);
        }
        k.write(1, (int) fd, data);
        k.close(1, (int) fd);
    }

    String cat(String path) {
        int pid = k.spawn(1, "cat", List.of("cat", path));
        long fd = k.open(pid, path, 0, 0);
        if (fd < 0) {
            return "error " + fd;
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte[] b = k.read(pid, (int) fd, 4096);
            if (b == null) {
                sb.append("<read error ").append(k.lastError(pid)).append('>');
                break;
            }
            if (b.length == 0) {
                break;
            }
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
        k.close(pid, (int) fd);
        k.exit(pid, 0);
        return sb.toString();
    }

    /** insmod: returns the finit_module result; pid in out[0]. */
    long insmod(String path, String params, int[] pidOut) {
        int pid = k.spawn(1, "insmod", List.of("insmod", path));
        if (pidOut != null) {
            pidOut[0] = pid;
        }
        long fd = k.open(pid, path, 0, 0);
        long r = k.finitModule(pid, (int) fd, params, 0);
        if (r != Kernel.DIED && r != Kernel.RUNNING) {
            k.close(pid, (int) fd);
            k.exit(pid, r == 0 ? 0 : 1);
        }
        return r;
    }

    long rmmod(String name, int[] pidOut) {
        int pid = k.spawn(1, "rmmod", List.of("rmmod", name));
        if (pidOut != null) {
            pidOut[0] = pid;
        }
        long r = k.deleteModule(pid, name, 04000);
        if (r != Kernel.DIED && r != Kernel.RUNNING) {
            k.exit(pid, r == 0 ? 0 : 1);
        }
        return r;
    }

    List<String> dmesg() {
        return k.log().records().stream().map(LogRecord::console).collect(Collectors.toList());
    }

    String dmesgText() {
        return String.join("\n", dmesg());
    }

    List<String> texts() {
        return k.log().records().stream().map(LogRecord::text).collect(Collectors.toList());
    }
}
