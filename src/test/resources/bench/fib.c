/* Recursive Fibonacci: calls and returns. */
static int fib(int n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

long bench_fib(void)
{
	return fib(30);
}
