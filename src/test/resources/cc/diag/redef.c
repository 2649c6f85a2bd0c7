int x;
long x;
int f(void) { return 0; }
int f(void) { return 1; }
int g(int);
int g(long a) { return a; }
struct s { int a; };
struct s { int b; };
int h(void)
{
	int v;
	int v;
	return 0;
}
