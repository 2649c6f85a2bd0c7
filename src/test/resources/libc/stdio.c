/* stdio.h: the printf family's formats, sprintf/snprintf, puts/putchar/fputs, fopen/fgets/fread/fwrite. */
#include <stdio.h>
#include <string.h>
#include <limits.h>

int main(void)
{
	char buf[128];
	FILE *f;
	int n, i;

	printf("%d %i %u %x %X %o %c %s %%\n", -5, 17, 3000000000u, 0xbeef, 0xbeef, 0755, 'Q', "str");
	printf("[%8d][%-8d][%08d][%+d][% d][%.4d][%8.4d][%-8.4d]\n", 123, 123, 123, 123, 123, 123, 123, 123);
	printf("[%#x][%#X][%#o][%#x][%#o]\n", 0x1f, 0x1f, 010, 0, 0);
	printf("[%5s][%-5s][%.2s][%5.1s][%*d][%-*d][%.*s]\n", "ab", "ab", "abc", "xyz", 6, 42, 6, 42, 3, "abcdef");
	printf("[%ld][%lu][%lx][%lld][%llu][%zd][%zu][%hd][%hu][%hhd][%hhu]\n", LONG_MAX, ULONG_MAX, -1L, LLONG_MIN,
	       0ULL, (long)-3, (unsigned long)3, (short)-2, (unsigned short)65535, (signed char)-1, (unsigned char)255);
	printf("[%p][%p][%s]\n", (void *)0, (void *)0x1234, (char *)0);
	printf("[%c%c%c]\n", 'a', 'b', 'c');
	n = sprintf(buf, "%d-%s-%x", 7, "seven", 7);
	printf("sprintf %d [%s]\n", n, buf);
	n = snprintf(buf, 6, "%s", "overflowing");
	printf("snprintf %d [%s]\n", n, buf);
	n = snprintf(buf, sizeof(buf), "%05d|%-3c|", 42, 'z');
	printf("snprintf %d [%s]\n", n, buf);
	puts("puts adds a newline");
	fputs("fputs does not\n", stdout);
	putchar('!');
	putchar('\n');
	f = fopen("/tmp/libc-stdio.txt", "w");
	for (i = 0; i < 3; i++)
		fprintf(f, "line %d\n", i);
	fwrite("raw\n", 1, 4, f);
	fclose(f);
	f = fopen("/tmp/libc-stdio.txt", "r");
	while (fgets(buf, sizeof(buf), f))
		printf("read: %s", buf);
	printf("feof %d\n", feof(f) != 0);
	fclose(f);
	f = fopen("/tmp/libc-stdio.txt", "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen("/tmp/libc-stdio.txt", "r");
	n = (int)fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	printf("fread %d:\n%s", n, buf);
	fclose(f);
	printf("fopen missing: %s\n", fopen("/tmp/no/such", "r") == NULL ? "NULL" : "FILE");
	return 0;
}
