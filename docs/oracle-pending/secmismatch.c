/*
 * secmismatch.c - a section mismatch that does no harm (yet).
 *
 * read_limit() lives in .text but reads limit, which is __initdata and is
 * freed once init returns. modpost cannot know who calls read_limit(), so
 * it warns. Here only init calls it, so nothing breaks: compare Episode I,
 * where the exit function reads init data after it was freed.
 */
#include <linux/init.h>
#include <linux/module.h>

static int limit __initdata = 42;
static int saved_limit;

static noinline int read_limit(void)
{
	return limit;
}

static int __init secmismatch_init(void)
{
	saved_limit = read_limit();
	pr_info("secmismatch: limit is %d\n", saved_limit);
	return 0;
}

static void __exit secmismatch_exit(void)
{
	pr_info("secmismatch: saved limit was %d\n", saved_limit);
}

module_init(secmismatch_init);
module_exit(secmismatch_exit);
MODULE_LICENSE("GPL");
