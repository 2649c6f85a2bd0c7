package dev.kplay.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.kbuild.Kbuild;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/*
 * A page left open on a module whose timer fires every second: the ticker lets wall time pass
 * five times a second. Those stretches of time are one stretch as long as nothing else happens,
 * in memory and in the store, so a session ticking for hours stays far inside its event limit;
 * and the stored log still replays to the same kernel, byte for byte.
 */

/** Idle time from the ticker: coalesced in memory and in the journal. */
class TickJournalTest {
    static final String FOREVER = """
            #include <linux/module.h>
            #include <linux/timer.h>
            #include <linux/jiffies.h>
            static struct timer_list t;
            static int n;
            static void fire(struct timer_list *unused)
            {
                pr_info("beat %d\\n", ++n);
                mod_timer(&t, jiffies + HZ);
            }
            static int __init beat_init(void)
            {
                timer_setup(&t, fire, 0);
                mod_timer(&t, jiffies + HZ);
                return 0;
            }
            module_init(beat_init);
            MODULE_LICENSE("GPL");
            """;

    @Test
    void anHourOfTicksIsAFewEventsAndReplaysIdentically() {
        AtomicLong wall = new AtomicLong(1_000_000_000L);
        List<String> stored = new ArrayList<>();
        Session s = new Session("tick", files -> Kbuild.build(files), SessionLimits.defaults(), wall::get);
        s.journalTo((id, first, events) -> {
            assertEquals(stored.size(), first, "appended in order, never over a stored row");
            events.forEach(e -> stored.add(EventCodec.write(e)));
        }, 0);
        s.putFile("beat.c", FOREVER);
        assertTrue(s.build().ok());
        assertEquals(0, s.exec("insmod beat.ko", null).exitCode());
        int before = stored.size();
        for (int i = 0; i < 5 * 3600; i++) {        // an hour of 200 ms ticks
            wall.addAndGet(200_000_000L);
            s.passTime();
            if (i % 50 == 0) {
                s.snapshot();               // the page reads the state now and then
            }
        }
        String dmesg = s.dmesg();
        // jiffies + HZ lands in the wheel's level 1 (8-jiffy buckets, rounded up): a beat every 256
        // jiffies (1.024 s), as a real 1 Hz timer_list drifts, so an hour holds 3515 beats, not 3600
        assertTrue(dmesg.contains("beat 3515\n") && !dmesg.contains("beat 3516"), dmesg.substring(Math.max(0, dmesg.length() - 200)));
        int inMemory = s.events().size();
        s.close();
        System.out.println("[tick] an hour of ticks with a 1 Hz timer: " + inMemory + " events in memory, "
                + (stored.size() - before) + " rows stored for it");
        assertTrue(stored.size() - before <= 120, "the hour is a few rows, not 18,000: " + (stored.size() - before));
        assertTrue(inMemory <= 130, "in memory too: " + inMemory);
        List<Event> log = stored.stream().map(EventCodec::read).toList();
        Session again = Session.replay("again", log, files -> Kbuild.build(files), SessionLimits.defaults().fastForward(),
                wall::get);
        assertEquals(dmesg, again.dmesg(), "the stored log replays to the same kernel log");
    }
}
