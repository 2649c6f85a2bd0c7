/*
 * macroargs.c - a function-like macro called with the wrong number of
 * arguments, in a function: the preprocessor's error at the closing
 * parenthesis, its note at the #define, and the name left alone undeclared.
 */
#include <linux/init.h>
#include <linux/module.h>

#define AREA(w, h) ((w) * (h))

static int __init macroargs_init(void)
{
	int side = 3;

	pr_info("area %d\n", AREA(side));
	return 0;
}

module_init(macroargs_init);
MODULE_LICENSE("GPL");
