/* SPDX-License-Identifier: GPL-2.0 */
/*
 * seqlock.h: sequence counters and sequential locks, 6.1's interface.
 *
 * A writer makes the sequence odd while it writes (under the seqlock's
 * spinlock); a reader takes the sequence before reading (waiting while it
 * is odd) and reads again if it changed meanwhile. Layouts as Debian's 6.1
 * (no lockdep): seqcount_t (4 bytes) @0 sequence; seqlock_t (8) @0 seqcount,
 * @4 lock. A reader that interrupts its own CPU's writer (a softirq reading
 * what process context writes with plain write_seqlock) spins for ever, as
 * on Linux: that is what the _bh and _irq variants are for.
 */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/processor.h>

typedef struct seqcount {
	unsigned sequence;
} seqcount_t;

typedef struct seqcount_spinlock {
	seqcount_t seqcount;
} seqcount_spinlock_t;

#define SEQCNT_ZERO(name) { .sequence = 0 }
#define seqcount_init(s) do { (s)->sequence = 0; } while (0)

static inline unsigned raw_read_seqcount(const seqcount_t *s)
{
	return READ_ONCE(s->sequence);
}

/* The sequence once no write is in progress: the start of a read. */
static inline unsigned __read_seqcount_begin(const seqcount_t *s)
{
	unsigned ret;

	while ((ret = READ_ONCE(s->sequence)) & 1)
		cpu_relax();
	return ret;
}

static inline unsigned raw_read_seqcount_begin(const seqcount_t *s)
{
	unsigned ret = __read_seqcount_begin(s);

	smp_rmb();
	return ret;
}

#define read_seqcount_begin(s)	raw_read_seqcount_begin(s)

static inline int __read_seqcount_retry(const seqcount_t *s, unsigned start)
{
	return unlikely(READ_ONCE(s->sequence) != start);
}

/* Whether a write happened since start: the read must be done again. */
static inline int read_seqcount_retry(const seqcount_t *s, unsigned start)
{
	smp_rmb();
	return __read_seqcount_retry(s, start);
}

#define raw_read_seqcount_retry(s, start) read_seqcount_retry(s, start)

static inline void raw_write_seqcount_begin(seqcount_t *s)
{
	s->sequence++;
	smp_wmb();
}

static inline void raw_write_seqcount_end(seqcount_t *s)
{
	smp_wmb();
	s->sequence++;
}

/* A write (the caller serialises writers; preemption off across it). */
static inline void write_seqcount_begin(seqcount_t *s)
{
	preempt_disable();
	raw_write_seqcount_begin(s);
}

static inline void write_seqcount_end(seqcount_t *s)
{
	raw_write_seqcount_end(s);
	preempt_enable();
}

typedef struct {
	struct seqcount_spinlock seqcount;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(lockname)					\
	{								\
		.seqcount = { .seqcount = SEQCNT_ZERO(lockname) },	\
		.lock =	__SPIN_LOCK_UNLOCKED(lockname)			\
	}

#define seqlock_init(sl)						\
	do {								\
		seqcount_init(&(sl)->seqcount.seqcount);		\
		spin_lock_init(&(sl)->lock);				\
	} while (0)

#define DEFINE_SEQLOCK(sl) \
		seqlock_t sl = __SEQLOCK_UNLOCKED(sl)

static inline unsigned read_seqbegin(const seqlock_t *sl)
{
	return read_seqcount_begin(&sl->seqcount.seqcount);
}

static inline unsigned read_seqretry(const seqlock_t *sl, unsigned start)
{
	return read_seqcount_retry(&sl->seqcount.seqcount, start);
}

static inline void write_seqlock(seqlock_t *sl)
{
	spin_lock(&sl->lock);
	raw_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock(seqlock_t *sl)
{
	raw_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock(&sl->lock);
}

static inline void write_seqlock_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
	raw_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_bh(seqlock_t *sl)
{
	raw_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_bh(&sl->lock);
}

static inline void write_seqlock_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
	raw_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_irq(seqlock_t *sl)
{
	raw_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irq(&sl->lock);
}

#define write_seqlock_irqsave(lock, flags)				\
	do {								\
		spin_lock_irqsave(&(lock)->lock, flags);		\
		raw_write_seqcount_begin(&(lock)->seqcount.seqcount);	\
	} while (0)

static inline void write_sequnlock_irqrestore(seqlock_t *sl, unsigned long flags)
{
	raw_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irqrestore(&sl->lock, flags);
}

/* A reader that excludes writers (and other such readers) instead of retrying. */
static inline void read_seqlock_excl(seqlock_t *sl)
{
	spin_lock(&sl->lock);
}

static inline void read_sequnlock_excl(seqlock_t *sl)
{
	spin_unlock(&sl->lock);
}

#endif /* __LINUX_SEQLOCK_H */
