int f(void) __attribute__((warn_unused_result));
int g(void)
{
	char big[30];
	big[0] = 1;
	f();
	(void)f();
	return big[0];
}
