/*
 * ledger_bank.c - a second user of ledger_core
 */
#include <linux/module.h>

extern long ledger_post(const char *who, long amount);

static int __init ledger_bank_init(void)
{
    ledger_post("bank", 1000);
    return 0;
}

static void __exit ledger_bank_exit(void)
{
    ledger_post("bank", -1000);
}

module_init(ledger_bank_init);
module_exit(ledger_bank_exit);
MODULE_LICENSE("GPL");
