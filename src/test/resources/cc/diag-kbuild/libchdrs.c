/*
 * libchdrs.c - C library names gcc 12 knows the header of, used undeclared in a
 * module (and some it does not: atoi, rand, sleep, strerror); the calls of
 * built-ins whose type int f() does not match also get -Wbuiltin-declaration-mismatch.
 */
#include <linux/init.h>
#include <linux/module.h>

MODULE_LICENSE("GPL");

static int __init hdrs_init(void)
{
	long x = 0;

	x += (long)&errno;
	x += (long)&assert;
	x += (long)&stderr;
	x += (long)&stdin;
	x += (long)&stdout;
	x += (long)&fopen;
	x += (long)&getchar;
	x += (long)&getenv;
	x += (long)&atexit;
	x += (long)&time;
	x += (long)&clock;
	x += (long)&strerror;
	x += (long)&tm;
	x += (long)&EOF;
	x += (long)&FILE;
	x += (long)&BUFSIZ;
	x += (long)&DBL_MAX;
	x += (long)&PRId32;
	x += (long)&WCHAR_MAX;
	x += (long)&localtime;
	x += (long)&CHAR_BIT;
	x += (long)&MB_LEN_MAX;
	x += (long)&SIG_ATOMIC_MAX;
	x += (long)&fpos_t;
	return x;
}

static void calls(void)
{
	puts("a");
	putchar('a');
	exit(1);
	abort();
	fputs("a", 0);
	getenv("HOME");
	atoi("1");
	rand();
	sleep(1);
	fopen("a", "r");
	time(0);
	calloc(1, 2);
	realloc(0, 2);
}

module_init(hdrs_init);
