package dev.kplay.kernel.printk;

/**
 * One record of the printk ring, as /dev/kmsg hands it out: sequence number, log level (0-7),
 * facility (0 = kernel, 1 = user), timestamp in virtual nanoseconds since boot, and the text
 * without its trailing newline (a record may hold several lines only via KERN_CONT joining).
 */
public record LogRecord(long seq, int level, int facility, long tsNanos, String text) {

    /** The console/dmesg form: {@code [    1.662453] text}. */
    public String console() {
        return timestamp(tsNanos) + " " + text;
    }

    /** The syslog(2) form dmesg -r shows: {@code <6>[    1.662453] text}. */
    public String syslog() {
        return "<" + (facility << 3 | level) + ">" + console();
    }

    /** The /dev/kmsg form: {@code 6,123,1662453,-;text}. */
    public String kmsg() {
        return (facility << 3 | level) + "," + seq + "," + tsNanos / 1000 + ",-;" + text;
    }

    /** {@code [%5lu.%06lu]} as print_time() formats it. */
    public static String timestamp(long nanos) {
        long us = nanos / 1000;
        return String.format("[%5d.%06d]", us / 1_000_000, us % 1_000_000);
    }
}
