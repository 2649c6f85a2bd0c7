typedef unsigned long size_t;
typedef long long loff_t;
int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void take(int *p);
int f(size_t len, loff_t *pos, const size_t *q)
{
	printk("%d %d\n", len, *pos);
	take(pos);
	int *x = q;
	return x != 0;
}
