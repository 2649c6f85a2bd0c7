/* Quicksort (recursive, Lomuto partition) of 60,000 pseudo-random ints, then a checksum. */
static int sort_data[60000];

static void quicksort(int *a, int lo, int hi)
{
	int pivot, i, j, t;

	if (lo >= hi)
		return;
	pivot = a[hi];
	i = lo;
	for (j = lo; j < hi; j++) {
		if (a[j] < pivot) {
			t = a[i];
			a[i] = a[j];
			a[j] = t;
			i++;
		}
	}
	t = a[i];
	a[i] = a[hi];
	a[hi] = t;
	quicksort(a, lo, i - 1);
	quicksort(a, i + 1, hi);
}

long bench_sort(void)
{
	unsigned int seed = 12345;
	long sum = 0;
	int i;

	for (i = 0; i < 60000; i++) {
		seed = seed * 1103515245 + 12345;
		sort_data[i] = (int)((seed >> 8) & 0xfffff);
	}
	quicksort(sort_data, 0, 60000 - 1);
	for (i = 0; i < 60000; i++)
		sum = sum * 31 + sort_data[i];
	return sum;
}
