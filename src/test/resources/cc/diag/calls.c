int two(int a, int b);
struct s { int a; };
void g(struct s v);
int f(void)
{
	struct s v;
	two(1);
	two(1, 2, 3);
	g(1);
	return two(1, 2);
}
