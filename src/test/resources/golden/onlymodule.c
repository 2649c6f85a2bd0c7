/*
 * onlymodule.c - what a module gets from <linux/module.h> alone: the string
 * functions, GFP_KERNEL, jiffies and current, but not kfree/kzalloc (slab.h)
 * or msleep (delay.h).
 */
#include <linux/module.h>

static char buf[32];

static int __init onlymodule_init(void)
{
	char *p;

	strscpy(buf, "hello", sizeof(buf));
	memset(buf + 10, 0, 4);
	memcpy(buf + 20, buf, 5);
	pr_info("len %zu cmp %d\n", strlen(buf), strcmp(buf, "hello"));
	p = kstrdup(buf, GFP_KERNEL);
	kfree(p);
	p = kzalloc(10, GFP_KERNEL);
	kfree(p);
	pr_info("j %d\n", jiffies > 0);
	msleep(1);
	schedule();
	pr_info("cur %s\n", current->comm);
	return 0;
}

static void __exit onlymodule_exit(void)
{
}

module_init(onlymodule_init);
module_exit(onlymodule_exit);
MODULE_LICENSE("GPL");
