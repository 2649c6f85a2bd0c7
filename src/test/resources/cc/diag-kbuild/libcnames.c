/*
 * libcnames.c - a first module written as a user program: malloc, printf, puts,
 * free and EXIT_SUCCESS, which a kernel module does not have; gcc names the
 * header each comes from, once with the #include it would add.
 */
#include <linux/init.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

static int __init libc_init(void)
{
	char *p = malloc(16);

	printf("hello\n");
	puts("x");
	free(p);
	return EXIT_SUCCESS;
}

module_init(libc_init);
