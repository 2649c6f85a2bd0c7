/*
 * hexdump.c - looking at raw bytes: print_hex_dump() and the %*ph format.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>

static u8 packet[40];

static int __init hexdump_init(void)
{
	int i;

	for (i = 0; i < sizeof(packet); i++)
		packet[i] = i * 7 + 0x20;
	pr_info("hexdump: header %*ph\n", 8, packet);
	print_hex_dump(KERN_INFO, "pkt: ", DUMP_PREFIX_OFFSET, 16, 1, packet, sizeof(packet), true);
	print_hex_dump(KERN_INFO, "", DUMP_PREFIX_NONE, 16, 4, packet, 20, false);
	print_hex_dump_bytes("raw: ", DUMP_PREFIX_NONE, packet, 10);
	return 0;
}

static void __exit hexdump_exit(void)
{
}

module_init(hexdump_init);
module_exit(hexdump_exit);
MODULE_LICENSE("GPL");
