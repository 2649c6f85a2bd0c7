package dev.kplay.web;

import dev.kplay.session.Session;
import dev.kplay.session.SessionRegistry;
import dev.kplay.session.SessionScheduler;
import dev.kplay.userland.sh.Shell;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/*
 * The request side of the scheduler (DESIGN.md, "Budgets and fairness"): a request thread never
 * runs a session's work, nor finds a session by a store lookup, nor rebuilds a parked one by replay,
 * nor ends one. Finding the session is a job of its own on a lane for that id (the store's check that
 * no other node extended the log, or the rebuild of a parked session, run on a worker, one per id at
 * a time), then the work is queued on the session's own lane; a session live here is found on its
 * own lane instead, by the job that runs the work. Creating a session (a boot, or a
 * scenario's replay) runs on a lane of its own. Ending one jumps its lane's queue, as a Ctrl-C does,
 * so a DELETE does not wait out a held command. A short link is kept or read in the store on a lane
 * of its own too.
 */

/** Session lookups, creation, work and deletion as scheduler jobs: futures for the web layer. */
public final class SessionJobs {
    private final SessionRegistry registry;
    private final SessionScheduler scheduler;

    /** The lane that finds (and if need be rebuilds) the session with this id. */
    private record Lookup(String id) {}

    public SessionJobs(SessionRegistry registry, SessionScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /** The session with this id, found (or rebuilt from the store) on a worker. */
    public CompletableFuture<Session> find(String id) {
        return scheduler.submit(new Lookup(String.valueOf(id)), () -> registry.get(id));
    }

    /**
     * Runs {@code work} on the session's lane; the answer is its value. A live session is found on
     * its own lane, in the same job as the work (one worker hop, not two); should the lookup give
     * another session (a rebuild), the work goes to that one's lane.
     */
    public <T> CompletableFuture<T> on(String id, Function<Session, T> work) {
        Session live = registry.peek(id);
        if (live == null) {
            return find(id).thenCompose(s -> scheduler.submit(s, () -> work.apply(s)));
        }
        return scheduler.submit(live, () -> {
            Session s = registry.get(id);
            return s == live ? CompletableFuture.completedFuture(work.apply(s)) : scheduler.submit(s, () -> work.apply(s));
        }).thenCompose(f -> f);
    }

    /** A command line on the session's lane, answered once its wall time has passed. */
    public CompletableFuture<Shell.Result> exec(String id, String command, Long timeoutMs) {
        Session live = registry.peek(id);
        CompletableFuture<Session> found = live == null ? find(id) : scheduler.submit(live, () -> registry.get(id));
        return found.thenCompose(s -> scheduler.exec(s, command, timeoutMs));
    }

    /** A signal ahead of the session's queued work (a live session's lane is not waited for). */
    public CompletableFuture<Session.Signal> signal(String id, int sig) {
        Session live = registry.peek(id);
        return live != null ? scheduler.signal(live, sig) : find(id).thenCompose(s -> scheduler.signal(s, sig));
    }

    /** Work that makes a new session (a boot, a scenario's replay), on a lane of its own. */
    public <T> CompletableFuture<T> create(Supplier<T> work) {
        return scheduler.submit(new Object(), work);
    }

    /** Store work of no session (a short link kept or read), on a lane of its own: no request thread reads the store. */
    public <T> CompletableFuture<T> apart(Supplier<T> work) {
        return scheduler.submit(new Object(), work);
    }

    /**
     * Ends the session: ahead of its queued work (they then fail with 404), after the job running
     * now; a parked session's log leaves the store on the lookup lane.
     */
    public CompletableFuture<Void> delete(String id) {
        Session live = registry.peek(id);
        Supplier<Void> end = () -> {
            registry.delete(id);
            return null;
        };
        return live != null ? scheduler.submitUrgent(live, end) : scheduler.submit(new Lookup(String.valueOf(id)), end);
    }
}
