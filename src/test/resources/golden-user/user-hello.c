#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

int main(int argc, char *argv[])
{
	int i;
	char buf[64];

	printf("Hello, world!\n");
	printf("argc=%d", argc);
	for (i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	putchar('\n');
	printf("|%d|%5d|%-5d|%05d|%+d|% d|\n", 42, 42, 42, 42, 42, 42);
	printf("|%x|%X|%#x|%o|%#o|%c|%%|\n", 255, 255, 255, 8, 8, 'k');
	printf("|%s|%10s|%-10s|%.3s|\n", "abc", "abc", "abc", "abcdef");
	printf("|%p|%ld|%lu|%zu|%lld|\n", (void *)0, LONG_MIN, ULONG_MAX, sizeof(buf), -1LL);
	printf("|%hhd|%hd|%.5d|%-+6d|%s|\n", 300, 70000, -42, 7, (char *)0);
	snprintf(buf, 8, "%s", "truncated text");
	printf("snprintf: %s (%d)\n", buf, snprintf(NULL, 0, "%d", 12345));
	puts("stdout line");
	fprintf(stderr, "stderr line\n");
	printf("last line\n");
	return argc > 1 ? atoi(argv[1]) : 0;
}
