/*
 * fmt.c - printk format specifiers.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init fmt_init(void)
{
	unsigned char buf[6] = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02 };
	long l = -1234567890123L;
	unsigned long ul = 0xfeedfaceUL;
	unsigned short us = 65535;
	signed char sc = -5;

	pr_info("int [%d] [%5d] [%-5d] [%05d] [%+d]\n", 42, 42, 42, 42, 42);
	pr_info("hex [%x] [%X] [%#x] [%08x] [%#010x]\n", 255, 255, 255, 255, 255);
	pr_info("oct [%o] [%#o]\n", 8, 8);
	pr_info("long [%ld] [%lu] [%lx] [%llx]\n", l, ul, ul, 0x123456789abcdefULL);
	pr_info("short [%hu] [%hd] [%hhd]\n", us, (short)us, sc);
	pr_info("char [%c] [%3c] str [%s] [%10s] [%-10s] [%.3s]\n", 'A', 'B', "kplay", "right", "left", "truncate");
	pr_info("hex bytes [%*ph] [%*phC] [%*phN]\n", 6, buf, 4, buf, 3, buf);
	pr_info("size [%zu] [%zd] ptrdiff [%td]\n", sizeof(buf), (ssize_t)-3, (ptrdiff_t)7);
	pr_info("percent [%%] null str [%s]\n", (char *)NULL);
	pr_info("func %s line %d\n", __func__, __LINE__);
	pr_info("symbol %pS\n", fmt_init);
	pr_info("symbol short %ps\n", fmt_init);
	return 0;
}

static void __exit fmt_exit(void)
{
	pr_info("fmt exit\n");
}

module_init(fmt_init);
module_exit(fmt_exit);
MODULE_LICENSE("GPL");
