/*
 * vmem.c - big buffers: vmalloc() and whole pages from the page allocator
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#define BIG (1024 * 1024)

static char *big;
static unsigned long pages;

static int __init vmem_init(void)
{
	unsigned long sum = 0;
	unsigned long *zero;
	int i;

	big = vmalloc(BIG);
	if (!big)
		return -ENOMEM;
	memset(big, 'k', BIG);
	for (i = 0; i < BIG; i += 4096)
		sum += big[i];
	pr_info("vmem: vmalloc'd %d bytes, vmalloc addr %d, sum %lu\n",
		BIG, is_vmalloc_addr(big), sum);

	pages = __get_free_pages(GFP_KERNEL, 2);
	if (!pages) {
		vfree(big);
		return -ENOMEM;
	}
	memset((void *)pages, 0xab, 4 * PAGE_SIZE);
	pr_info("vmem: order-2 block, page aligned %d, vmalloc addr %d, last byte %02x\n",
		(pages & (PAGE_SIZE - 1)) == 0, is_vmalloc_addr((void *)pages),
		((unsigned char *)pages)[4 * PAGE_SIZE - 1]);

	zero = (unsigned long *)get_zeroed_page(GFP_KERNEL);
	if (zero) {
		pr_info("vmem: zeroed page first word %lu\n", zero[0]);
		free_page((unsigned long)zero);
	}

	zero = vzalloc(3 * PAGE_SIZE);
	if (zero) {
		pr_info("vmem: vzalloc word %lu\n", zero[PAGE_SIZE / 4]);
		vfree(zero);
	}
	return 0;
}

static void __exit vmem_exit(void)
{
	free_pages(pages, 2);
	vfree(big);
	pr_info("vmem: freed\n");
}

module_init(vmem_init);
module_exit(vmem_exit);
MODULE_LICENSE("GPL");
