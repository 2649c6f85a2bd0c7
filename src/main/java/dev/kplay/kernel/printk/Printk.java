package dev.kplay.kernel.printk;

import dev.kplay.kernel.time.Clock;

/*
 * kernel/printk/printk.c, the storing half: vprintk_emit() takes formatted text, peels the
 * KERN_SOH level headers (printk_get_level), joins KERN_CONT text onto the still-open record
 * (prb_reserve_in_last), and stores the rest as a new record stamped with the virtual clock.
 * Printing to the (serial) console costs virtual time, as it does on the oracle's QEMU, so the
 * spacing of timestamps looks like a real log's.
 */

/** printk for one kernel. */
public final class Printk {
    public static final char KERN_SOH = '\001';
    /** MESSAGE_LOGLEVEL_DEFAULT. */
    public static final int DEFAULT_LEVEL = 4;
    /** console_loglevel, default_message_loglevel, minimum_console_loglevel, default_console_loglevel. */
    public static final int[] PRINTK_SYSCTL = {7, 4, 1, 7};
    private static final long CONSOLE_COST_NANOS = 52_000;
    private static final long STORE_COST_NANOS = 4_000;

    private final LogRing ring;
    private final Clock clock;

    /** What printing a record on the serial console does besides (touch_nmi_watchdog() in serial8250_console_write()). */
    private Runnable consoleWrite = () -> { };

    public Printk(LogRing ring, Clock clock) {
        this.ring = ring;
        this.clock = clock;
    }

    /** Hooks the console driver's watchdog touch. */
    public void setConsoleWrite(Runnable r) {
        consoleWrite = r;
    }

    public LogRing ring() {
        return ring;
    }

    /** Models vprintk_emit(): text may start with KERN_SOH headers; returns the bytes stored. */
    public int printk(String text) {
        return emit(0, text);
    }

    /** A message from user space (/dev/kmsg writes): facility 1, default level 5... as devkmsg_write. */
    public int printkUser(int level, String text) {
        return store(1, level, false, text);
    }

    /** Convenience for kernel code: one complete line at a level (pr_info and friends). */
    public void log(int level, String line) {
        store(0, level, false, line + "\n");
    }

    private int emit(int facility, String text) {
        int level = -1;
        boolean cont = false;
        int i = 0;
        while (i + 1 < text.length() && text.charAt(i) == KERN_SOH) {
            char c = text.charAt(i + 1);
            if (c >= '0' && c <= '7') {
                level = c - '0';
            } else if (c == 'c') {
                cont = true;
            } else {
                break;
            }
            i += 2;
        }
        String body = text.substring(i);
        return store(facility, level < 0 ? (cont ? -1 : DEFAULT_LEVEL) : level, cont, body);
    }

    private int store(int facility, int level, boolean cont, String body) {
        boolean newline = body.endsWith("\n");
        String line = newline ? body.substring(0, body.length() - 1) : body;
        if (cont && level < 0 && ring.extend(line, newline)) {
            clock.advance(STORE_COST_NANOS);
            return line.length();
        }
        int lvl = level < 0 ? DEFAULT_LEVEL : level;
        clock.advance(lvl < PRINTK_SYSCTL[0] ? CONSOLE_COST_NANOS : STORE_COST_NANOS);
        ring.store(lvl, facility, clock.now(), line, newline);
        if (lvl < PRINTK_SYSCTL[0]) {
            consoleWrite.run();
        }
        return line.length();
    }
}
