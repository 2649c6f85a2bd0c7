int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int f(long n, const char *s)
{
	printk("%.*s\n", n, s);
	printk("%*d\n", n, 1);
	printk("%*.*s\n", 4, n, s);
	return 0;
}
