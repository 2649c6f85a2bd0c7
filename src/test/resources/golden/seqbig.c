/*
 * seqbig.c - a seq_file iterator over a table larger than one page of output
 */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#define NPRIMES 400

static unsigned int *primes;

static void *seqbig_start(struct seq_file *s, loff_t *pos)
{
    if (*pos == 0)
        seq_puts(s, "index  prime\n");
    return *pos < NPRIMES ? &primes[*pos] : NULL;
}

static void *seqbig_next(struct seq_file *s, void *v, loff_t *pos)
{
    (*pos)++;
    return *pos < NPRIMES ? &primes[*pos] : NULL;
}

static void seqbig_stop(struct seq_file *s, void *v)
{
}

static int seqbig_show(struct seq_file *s, void *v)
{
    unsigned int *p = v;

    seq_printf(s, "%5ld  %5u\n", (long)(p - primes), *p);
    return 0;
}

static const struct seq_operations seqbig_ops = {
    .start = seqbig_start,
    .next = seqbig_next,
    .stop = seqbig_stop,
    .show = seqbig_show,
};

static int seqbig_open(struct inode *inode, struct file *file)
{
    return seq_open(file, &seqbig_ops);
}

static const struct proc_ops seqbig_fops = {
    .proc_open = seqbig_open,
    .proc_read = seq_read,
    .proc_lseek = seq_lseek,
    .proc_release = seq_release,
};

static int __init seqbig_init(void)
{
    unsigned int n = 2, i = 0, d;

    primes = kmalloc_array(NPRIMES, sizeof(*primes), GFP_KERNEL);
    if (!primes)
        return -ENOMEM;
    while (i < NPRIMES) {
        for (d = 2; d * d <= n && n % d; d++)
            ;
        if (d * d > n)
            primes[i++] = n;
        n++;
    }
    if (!proc_create("primes", 0444, NULL, &seqbig_fops)) {
        kfree(primes);
        return -ENOMEM;
    }
    pr_info("seqbig: %d primes, the last %u\n", NPRIMES, primes[NPRIMES - 1]);
    return 0;
}

static void __exit seqbig_exit(void)
{
    remove_proc_entry("primes", NULL);
    kfree(primes);
}

module_init(seqbig_init);
module_exit(seqbig_exit);
MODULE_LICENSE("GPL");
