package dev.kplay.kernel.printk;

/**
 * One record of the printk ring, as /dev/kmsg hands it out: sequence number, log level (0-7),
 * facility (0 = kernel, 1 = user), timestamp in virtual nanoseconds since boot, and the text
 * without its trailing newline. A record may hold several lines (a newline inside one printk's
 * text, or KERN_CONT joining): record_print_text() gives each line the prefix in the console and
 * syslog(2) forms, and /dev/kmsg escapes the newline.
 */
public record LogRecord(long seq, int level, int facility, long tsNanos, String text) {

    /** The console/dmesg form: {@code [    1.662453] text}. */
    public String console() {
        return prefixed(timestamp(tsNanos) + " ");
    }

    /** The syslog(2) form dmesg -r shows: {@code <6>[    1.662453] text}. */
    public String syslog() {
        return prefixed("<" + (facility << 3 | level) + ">" + timestamp(tsNanos) + " ");
    }

    /** Each line of the text after prefix, as record_print_text() writes a record. */
    private String prefixed(String prefix) {
        return prefix + (text.indexOf('\n') < 0 ? text : text.replace("\n", "\n" + prefix));
    }

    /**
     * The /dev/kmsg form: {@code 6,123,1662453,-;text}, with each byte of the text below ' ', from
     * 127 up, and the backslash written {@code \xNN} (a newline in a record is {@code \x0a}).
     */
    public String kmsg() {
        return (facility << 3 | level) + "," + seq + "," + tsNanos / 1000 + ",-;" + escaped(text);
    }

    private static String escaped(String text) {
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = c >= ' ' && c < 127 && c != '\\';
        }
        if (plain) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < ' ' || c >= 127 || c == '\\') {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** {@code [%5lu.%06lu]} as print_time() formats it. */
    public static String timestamp(long nanos) {
        long us = nanos / 1000;
        return String.format("[%5d.%06d]", us / 1_000_000, us % 1_000_000);
    }
}
