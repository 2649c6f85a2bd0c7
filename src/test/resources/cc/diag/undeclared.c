int f(void)
{
	return x + y + x;
}

int g(int a)
{
	if (a)
		return 1;
}

int w = q;
