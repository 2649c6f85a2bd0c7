static int a;
static int b(void) { return 0; }
static int used_fn(void) { return 1; }
static const int c = 3;
int d(void)
{
	int x;
	int y = 2;
	static int z;
	{
		int inner;
	}
	return used_fn();
}
