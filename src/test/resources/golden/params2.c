/*
 * params2.c - module_param types: bool, invbool, ulong, byte, ushort, uint, string.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static bool verbose;
static bool quiet = true;
static unsigned long big = 100;
static unsigned char small = 7;
static unsigned short port = 8080;
static unsigned int level = 3;
static char label[16] = "default";

module_param(verbose, bool, 0644);
MODULE_PARM_DESC(verbose, "Be verbose");
module_param(quiet, invbool, 0444);
MODULE_PARM_DESC(quiet, "Inverted bool");
module_param(big, ulong, 0444);
module_param(small, byte, 0444);
module_param(port, ushort, 0644);
MODULE_PARM_DESC(port, "A port number");
module_param(level, uint, 0600);
module_param_string(label, label, sizeof(label), 0644);
MODULE_PARM_DESC(label, "A label");

static int __init params2_init(void)
{
	pr_info("verbose=%d quiet=%d big=%lu small=%u port=%u level=%u label=%s\n",
		verbose, quiet, big, small, port, level, label);
	return 0;
}

static void __exit params2_exit(void)
{
	pr_info("params2 exit label=%s port=%u\n", label, port);
}

module_init(params2_init);
module_exit(params2_exit);
MODULE_LICENSE("GPL");
