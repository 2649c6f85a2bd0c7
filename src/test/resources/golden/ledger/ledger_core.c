/*
 * ledger_core.c - keeps a ledger other modules post to: exports a function and a counter
 */
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(ledger_lock);
static long balance;
int ledger_entries;
EXPORT_SYMBOL_GPL(ledger_entries);

long ledger_post(const char *who, long amount)
{
    long now;

    spin_lock(&ledger_lock);
    balance += amount;
    ledger_entries++;
    now = balance;
    spin_unlock(&ledger_lock);
    pr_info("ledger: %s posts %ld, balance %ld\n", who, amount, now);
    return now;
}
EXPORT_SYMBOL_GPL(ledger_post);

static int __init ledger_core_init(void)
{
    pr_info("ledger: open\n");
    return 0;
}

static void __exit ledger_core_exit(void)
{
    pr_info("ledger: closed after %d entries, balance %ld\n", ledger_entries, balance);
}

module_init(ledger_core_init);
module_exit(ledger_core_exit);
MODULE_LICENSE("GPL");
