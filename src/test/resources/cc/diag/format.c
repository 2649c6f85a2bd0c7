int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int f(long l, unsigned long u, char *s, int i, void *p)
{
	printk("%d %s\n", l, i);
	printk("%lu %ld %p %x\n", u, u, p, s);
	printk("%s %d\n", s);
	printk("%d\n", i, i);
	printk("%zu %lld\n", u, l);
	return 0;
}
