static int a(void)
{
	return b();
}

static int b(void)
{
	return 1;
}

int c(void)
{
	return a();
}
