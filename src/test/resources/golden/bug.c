#include <linux/init.h>
#include <linux/module.h>
#include <linux/bug.h>

static int __init bugmod_init(void)
{
	pr_info("bugmod: about to BUG\n");
	BUG();
	return 0;
}

static void __exit bugmod_exit(void)
{
}

module_init(bugmod_init);
module_exit(bugmod_exit);
MODULE_LICENSE("GPL");
