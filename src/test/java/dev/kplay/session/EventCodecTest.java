package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * The JSON text of each kind of event, as the store keeps it: the forms EventCodec spells out
 * directly are the bytes Jackson writes for the same fields (logs written before read the same),
 * and every event reads back as itself.
 */

/** EventCodec's texts and round trips. */
class EventCodecTest {
    static final List<Event> EVENTS = List.of(new Event.TimePassed(0), new Event.TimePassed(Long.MAX_VALUE),
            new Event.TimePassed(-5), new Event.Built(), new Event.Rebooted(false, null), new Event.Rebooted(true, null),
            new Event.Rebooted(false, "quiet \"x\""), new Event.Booted("a=1"), new Event.FileWritten("a.c", "int \u00e9;\n\"\\"),
            new Event.FileDeleted("a.c"), new Event.Executed("echo 'hi' > /dev/kmsg", -1), new Event.Signalled(2),
            new Event.Typed("line\n\u0004"));

    @Test
    void textsAreJacksonsAndReadBack() {
        for (Event e : EVENTS) {
            assertEquals(EventCodec.writeFields(e), EventCodec.write(e), e.toString());
            assertEquals(e, EventCodec.read(EventCodec.write(e)), e.toString());
        }
        assertEquals("{\"type\":\"time\",\"nanos\":1500000}", EventCodec.write(new Event.TimePassed(1_500_000)));
        assertEquals("{\"type\":\"reboot\"}", EventCodec.write(new Event.Rebooted(false, null)));
    }
}
