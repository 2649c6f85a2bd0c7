/*
 * ledger_shop.c - posts sales to ledger_core through its exported symbols
 */
#include <linux/module.h>

extern long ledger_post(const char *who, long amount);
extern int ledger_entries;

static int __init ledger_shop_init(void)
{
    ledger_post("shop", 120);
    ledger_post("shop", -20);
    pr_info("shop: %d entries so far\n", ledger_entries);
    return 0;
}

static void __exit ledger_shop_exit(void)
{
    ledger_post("shop", -100);
}

module_init(ledger_shop_init);
module_exit(ledger_shop_exit);
MODULE_LICENSE("GPL");
