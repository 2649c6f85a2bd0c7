int f(void)
{
	foo(1);
	return bar();
}
