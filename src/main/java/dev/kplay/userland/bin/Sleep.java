package dev.kplay.userland.bin;

import dev.kplay.userland.Interrupted;
import dev.kplay.userland.Proc;

import java.math.BigDecimal;

/*
 * coreutils sleep: NUMBER[smhd]..., summed. The sleeping itself is the session's clock: virtual
 * time passes in the kernel (timers fire, the hung-task watchdog counts), and an interactive
 * session also lets the same wall time pass. In a background job the shell does not wait: the
 * job's thread parks with its task in nanosleep until the kernel's clock reaches the end of the
 * sleep, then goes on with the rest of the job (sh -c "sleep 6; ps" &).
 */

/** sleep NUMBER[SUFFIX]...; a Ctrl-C during the sleep kills it with SIGINT. */
final class Sleep {
    private Sleep() {}

    static int run(Proc p) {
        if (p.args().isEmpty()) {
            p.eprint("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            return 1;
        }
        BigDecimal seconds = BigDecimal.ZERO;
        for (String a : p.args()) {
            String num = a;
            long mult = 1;
            char last = a.isEmpty() ? ' ' : a.charAt(a.length() - 1);
            if ("smhd".indexOf(last) >= 0) {
                num = a.substring(0, a.length() - 1);
                mult = switch (last) {
                    case 'm' -> 60;
                    case 'h' -> 3600;
                    case 'd' -> 86400;
                    default -> 1;
                };
            }
            if (!num.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
                p.eprint("sleep: invalid time interval '" + a + "'\nTry 'sleep --help' for more information.\n");
                return 1;
            }
            seconds = seconds.add(new BigDecimal(num).multiply(BigDecimal.valueOf(mult)));
        }
        long nanos = seconds.multiply(BigDecimal.valueOf(1_000_000_000L)).min(BigDecimal.valueOf(Long.MAX_VALUE / 2)).longValue();
        if (p.shell().inBackground()) {
            long now = p.sys().clockGettime(p.pid(), 1);
            if (now >= 0 && p.shell().sleepInJob(p.pid(), now + nanos)) {
                return 0;
            }
        }
        p.sys().nanosleep(p.pid(), true);
        boolean slept;
        try {
            slept = p.shell().clock().sleep(nanos);
        } finally {
            p.sys().nanosleep(p.pid(), false);      // woken: it preempts a program that had the CPU meanwhile
        }
        if (!slept) {
            throw new Interrupted();
        }
        return 0;
    }
}
