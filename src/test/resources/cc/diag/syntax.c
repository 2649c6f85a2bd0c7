int f(void)
{
	int a = 1
	int b = 2;
	a = (b + ;
	return a b;
}
int g(void)
{
	return 0
}
