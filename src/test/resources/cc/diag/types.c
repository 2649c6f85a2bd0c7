int f(void)
{
	unknown_t x = 0;
	int y = 1;
	return y;
}
static void g(void);
int h(void)
{
	int v = g();
	char *s = "abc";
	s[0] = 'x';
	return v;
}
