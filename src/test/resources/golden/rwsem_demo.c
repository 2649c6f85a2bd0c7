/*
 * rwsem_demo.c - a read-write semaphore guarding a setting in /proc: readers
 * share it, a writer excludes everyone (linux/rwsem.h).
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/rwsem.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

static DECLARE_RWSEM(cfg_sem);
static int cfg_value = 42;

static int cfg_show(struct seq_file *m, void *v)
{
	down_read(&cfg_sem);
	seq_printf(m, "value=%d\n", cfg_value);
	up_read(&cfg_sem);
	return 0;
}

static int cfg_open(struct inode *inode, struct file *file)
{
	return single_open(file, cfg_show, NULL);
}

static ssize_t cfg_write(struct file *file, const char __user *ubuf, size_t len, loff_t *off)
{
	int v, ret;

	ret = kstrtoint_from_user(ubuf, len, 10, &v);
	if (ret)
		return ret;
	down_write(&cfg_sem);
	cfg_value = v;
	up_write(&cfg_sem);
	return len;
}

static const struct proc_ops cfg_ops = {
	.proc_open = cfg_open,
	.proc_read = seq_read,
	.proc_write = cfg_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static int __init rwsem_demo_init(void)
{
	down_read(&cfg_sem);
	pr_info("rwsem_demo: second reader gets in: %d\n", down_read_trylock(&cfg_sem));
	pr_info("rwsem_demo: writer gets in: %d\n", down_write_trylock(&cfg_sem));
	up_read(&cfg_sem);
	up_read(&cfg_sem);
	pr_info("rwsem_demo: locked=%d\n", rwsem_is_locked(&cfg_sem));
	down_write(&cfg_sem);
	pr_info("rwsem_demo: locked=%d, reader gets in: %d\n", rwsem_is_locked(&cfg_sem),
		down_read_trylock(&cfg_sem));
	downgrade_write(&cfg_sem);
	pr_info("rwsem_demo: after downgrade, reader gets in: %d\n", down_read_trylock(&cfg_sem));
	up_read(&cfg_sem);
	up_read(&cfg_sem);
	if (!proc_create("rwsem_demo", 0666, NULL, &cfg_ops))
		return -ENOMEM;
	return 0;
}

static void __exit rwsem_demo_exit(void)
{
	remove_proc_entry("rwsem_demo", NULL);
	pr_info("rwsem_demo: bye\n");
}

module_init(rwsem_demo_init);
module_exit(rwsem_demo_exit);
MODULE_LICENSE("GPL");
