package dev.kplay.session;

import dev.kplay.userland.sh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/*
 * A command the server's scheduler delivers later (see SessionScheduler): it ran at full speed and
 * owes the wall time its sleeps would have taken; its lane is held, without a thread, until timers
 * deliver it or a Ctrl-C redoes it. Its fields are guarded by the scheduler's monitor.
 */

/** A delivered-later command: its future, when its wall time started, and its timers. */
final class Held {
    final CompletableFuture<Shell.Result> result;
    final Shell.Result value;
    final long start;
    final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** A timer or a Ctrl-C is ending the hold; the other leaves it alone. */
    boolean claimed;
    /** The delivery time came while a Ctrl-C had it claimed (and then found nothing to interrupt). */
    boolean overdue;

    Held(CompletableFuture<Shell.Result> result, Shell.Result value, long start) {
        this.result = result;
        this.value = value;
        this.start = start;
    }
}
