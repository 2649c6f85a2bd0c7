/*
 * didyoumean.c - misspellings gcc answers with "did you mean": a struct tag, a
 * function pointer, a typedef, a variable from a header, a macro through a
 * change of case, an enumerator, a builtin macro, a reserved name when the
 * misspelling starts with an underscore, and one too far off to suggest.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/jiffies.h>

MODULE_LICENSE("GPL");

struct counter {
	int count;
};

typedef int myint;
enum color { RED_LIGHT, GREEN_LIGHT };
static void (*handler)(void);
static int my_value;

static int __init dym_init(void)
{
	int total = 0;

	countr = 1;
	handlr();
	myimt = 3;
	total += jiffys;
	Pr_info("x\n");
	total += GREEN_LIGTH;
	total += __LINE_;
	total += my_valeu;
	total += MY_VALUE;
	_prntk("x\n");
	return total;
}

module_init(dym_init);
