/*
 * kfifo_demo.c - a FIFO of ints (DECLARE_KFIFO) and a byte FIFO (kfifo_alloc),
 * as in the kernel's samples/kfifo examples.
 */
#include <linux/init.h>
#include <linux/kfifo.h>
#include <linux/module.h>

static DECLARE_KFIFO(numbers, int, 8);
static struct kfifo bytes;

static int __init kfifo_demo_init(void)
{
	char buf[16];
	unsigned int n;
	int i, v, ret;

	INIT_KFIFO(numbers);
	for (i = 1; i <= 10; i++)
		if (!kfifo_put(&numbers, i * i))
			pr_info("kfifo_demo: full at %d\n", i);
	pr_info("kfifo_demo: len=%u avail=%u size=%u\n", kfifo_len(&numbers),
		kfifo_avail(&numbers), kfifo_size(&numbers));
	if (kfifo_peek(&numbers, &v))
		pr_info("kfifo_demo: peek %d\n", v);
	while (kfifo_get(&numbers, &v))
		pr_info("kfifo_demo: got %d\n", v);
	pr_info("kfifo_demo: empty=%d\n", kfifo_is_empty(&numbers));

	ret = kfifo_alloc(&bytes, 16, GFP_KERNEL);
	if (ret)
		return ret;
	n = kfifo_in(&bytes, "hello, world", 12);
	pr_info("kfifo_demo: queued %u bytes\n", n);
	n = kfifo_out(&bytes, buf, 5);
	buf[n] = '\0';
	pr_info("kfifo_demo: out %u: %s, %u left\n", n, buf, kfifo_len(&bytes));
	return 0;
}

static void __exit kfifo_demo_exit(void)
{
	kfifo_free(&bytes);
	pr_info("kfifo_demo: bye\n");
}

module_init(kfifo_demo_init);
module_exit(kfifo_demo_exit);
MODULE_LICENSE("GPL");
