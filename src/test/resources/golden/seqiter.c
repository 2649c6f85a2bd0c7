/*
 * seqiter.c - a /proc file that walks an array with a seq_file iterator
 * (start/next/stop/show), one record per element.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static const char *const planets[] = {
	"Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune",
};

static void *planets_start(struct seq_file *m, loff_t *pos)
{
	pr_info("seqiter: start at %lld\n", *pos);
	if (*pos >= ARRAY_SIZE(planets))
		return NULL;
	return (void *)&planets[*pos];
}

static void *planets_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	if (*pos >= ARRAY_SIZE(planets))
		return NULL;
	return (void *)&planets[*pos];
}

static void planets_stop(struct seq_file *m, void *v)
{
	pr_info("seqiter: stop\n");
}

static int planets_show(struct seq_file *m, void *v)
{
	const char *const *p = v;

	seq_printf(m, "%d %s\n", (int)(p - planets) + 1, *p);
	return 0;
}

static const struct seq_operations planets_ops = {
	.start = planets_start,
	.next = planets_next,
	.stop = planets_stop,
	.show = planets_show,
};

static int planets_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &planets_ops);
}

static const struct proc_ops planets_proc_ops = {
	.proc_open = planets_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static int __init seqiter_init(void)
{
	if (!proc_create("planets", 0444, NULL, &planets_proc_ops))
		return -ENOMEM;
	pr_info("seqiter: /proc/planets ready\n");
	return 0;
}

static void __exit seqiter_exit(void)
{
	remove_proc_entry("planets", NULL);
	pr_info("seqiter: /proc/planets removed\n");
}

module_init(seqiter_init);
module_exit(seqiter_exit);
MODULE_LICENSE("GPL");
