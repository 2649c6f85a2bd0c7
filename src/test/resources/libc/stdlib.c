/* stdlib.h: conversions, malloc family, qsort/bsearch, abs/div, exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	char *end;
	int v[] = {5, 3, 9, 1, 7, 2};
	int key = 7, i;
	int *found;
	long l;
	char *m;
	int *arr;
	div_t d;

	printf("atoi %d %d %d %d\n", atoi("42"), atoi("  -17abc"), atoi("x"), atoi("+8"));
	printf("atol %ld\n", atol("123456789012"));
	l = strtol("0x1fZ", &end, 0);
	printf("strtol %ld rest [%s]\n", l, end);
	l = strtol("0755", &end, 0);
	printf("strtol octal %ld\n", l);
	l = strtol("zz", &end, 36);
	printf("strtol base36 %ld\n", l);
	errno = 0;
	l = strtol("99999999999999999999", &end, 10);
	printf("strtol overflow %ld erange %d\n", l, errno == ERANGE);
	printf("strtoul %lu\n", strtoul("4294967296", NULL, 10));
	l = strtol("abc", &end, 10);
	printf("strtol none %ld consumed %d\n", l, (int)(end - "abc"));
	printf("abs %d labs %ld\n", abs(-5), labs(-7L));
	d = div(17, 5);
	printf("div %d %d\n", d.quot, d.rem);
	qsort(v, 6, sizeof(int), cmp);
	for (i = 0; i < 6; i++)
		printf("%d ", v[i]);
	printf("\n");
	found = bsearch(&key, v, 6, sizeof(int), cmp);
	printf("bsearch index %d\n", found ? (int)(found - v) : -1);
	m = malloc(100);
	strcpy(m, "malloc works");
	printf("%s\n", m);
	m = realloc(m, 10000);
	printf("%s after realloc\n", m);
	free(m);
	arr = calloc(50, sizeof(int));
	l = 0;
	for (i = 0; i < 50; i++)
		l += arr[i];
	printf("calloc sum %ld\n", l);
	free(arr);
	for (i = 0; i < 200; i++) {
		m = malloc((size_t)(i * 13 + 1));
		memset(m, i, (size_t)(i * 13 + 1));
		if (i % 3)
			free(m);
	}
	printf("malloc loop done\n");
	printf("getenv missing %s\n", getenv("KPLAY_NO_SUCH_VARIABLE") ? "set" : "NULL");
	exit(3);
}
