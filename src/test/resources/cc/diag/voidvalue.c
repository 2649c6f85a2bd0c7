void g(void);
void k(int);
int f(int i)
{
	int v = g();
	i = g();
	k(g());
	return v + i;
}
