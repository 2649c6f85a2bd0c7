/* string.h */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int sign(int x) { return x < 0 ? -1 : x > 0; }

int main(void)
{
	char a[64], b[64];
	char *p, *save;
	char tok[] = "a,b,,c";

	printf("strlen %zu %zu\n", strlen(""), strlen("hello"));
	printf("strnlen %zu\n", strnlen("hello", 3));
	strcpy(a, "foo");
	strcat(a, "bar");
	printf("strcpy/strcat [%s]\n", a);
	strncpy(b, "xy", 5);
	printf("strncpy [%s] %d %d\n", b, b[3], b[4]);
	strncat(a, "bazqux", 3);
	printf("strncat [%s]\n", a);
	printf("strcmp %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")), strcmp("x", "x"));
	printf("strncmp %d %d\n", strncmp("abcX", "abcY", 3), sign(strncmp("abcX", "abcY", 4)));
	printf("strcasecmp %d %d\n", strcasecmp("HeLLo", "hello"), sign(strncasecmp("ABc", "abd", 3)));
	printf("strchr [%s] strrchr [%s] %s\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'), strchr("abc", 'z') ? "hit" : "NULL");
	printf("strstr [%s] %s\n", strstr("haystack needle", "need"), strstr("abc", "zz") ? "hit" : "NULL");
	printf("strspn %zu strcspn %zu strpbrk [%s]\n", strspn("aabbc", "ab"), strcspn("hello, world", ", "), strpbrk("hello", "lo"));
	p = strdup("duplicate");
	printf("strdup [%s]\n", p);
	free(p);
	p = strndup("duplicate", 3);
	printf("strndup [%s]\n", p);
	free(p);
	for (p = strtok_r(tok, ",", &save); p; p = strtok_r(NULL, ",", &save))
		printf("token [%s]\n", p);
	memset(a, 'x', 5);
	a[5] = 0;
	printf("memset [%s]\n", a);
	memcpy(b, "0123456789", 11);
	memmove(b + 2, b, 5);
	printf("memmove [%s]\n", b);
	printf("memcmp %d %d\n", sign(memcmp("ab", "ac", 2)), memcmp("ab", "ab", 2));
	printf("memchr [%s]\n", (char *)memchr("find-me", '-', 7));
	return 0;
}
