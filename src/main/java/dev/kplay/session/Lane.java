package dev.kplay.session;

import java.util.ArrayDeque;

/*
 * One session's place in the server's scheduler (SessionScheduler): its queue of jobs, a Ctrl-C or
 * a DELETE ahead of them, the command held while its wall time passes, and the virtual runtime
 * the scheduler picks lanes by. A lane lives while it has work; the runtime outlives it in the
 * session (schedRuntime), so a session's next lane goes on from there. Every field is guarded by
 * the scheduler's monitor.
 */

/** A session's queue of jobs in the server's scheduler. */
final class Lane {
    /** A Session, or another key for work before a session exists (see SessionScheduler.submit). */
    final Object session;
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Jobs that go ahead of the queue, even of a held command: a Ctrl-C, a DELETE, a held command's delivery. */
    final ArrayDeque<Runnable> urgent = new ArrayDeque<>();
    /** A worker runs one of its jobs now. */
    boolean running;
    /** The command whose wall time is passing (no thread held), or null. */
    Held held;
    /** An open page's tick is queued (at most one). */
    boolean tickQueued;
    /** Wall time its jobs have held a CPU, as CFS's vruntime: the ready lane with the least runs next. */
    long vruntime;
    /** The lane's job was preempted and waits for a CPU to go on. */
    Preempted resume;

    Lane(Object session) {
        this.session = session;
        this.vruntime = session instanceof Session s ? s.schedRuntime : 0;
    }
}
