int g(int a)
{
	int y;
	y += a;
	return y;
}

int f(int a)
{
	int x;

	if (a > 2)
		x = 3;
	return a;
}
