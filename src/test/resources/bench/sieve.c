/* Sieve of Eratosthenes over 200,000 numbers, 3 rounds: byte stores in a loop, then a count. */
static unsigned char composite[200000];

long bench_sieve(void)
{
	long count = 0;
	int round, i, j;

	for (round = 0; round < 3; round++) {
		count = 0;
		for (i = 0; i < 200000; i++)
			composite[i] = 0;
		for (i = 2; i < 200000; i++) {
			if (composite[i])
				continue;
			count++;
			for (j = i + i; j < 200000; j += i)
				composite[j] = 1;
		}
	}
	return count;
}
