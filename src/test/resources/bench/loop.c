/* The loop of issue 11: arithmetic on locals only. */
long bench_loop(void)
{
	long s = 0;
	long i;

	for (i = 0; i < 2000000; i++)
		s += (i * i) ^ (s >> 3);
	return s;
}
