int printf(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int strcmp(const char *a, const char *b);
unsigned long strlen(const char *s);
void *memcpy(void *d, const void *s, unsigned long n);
void *memset(void *d, int c, unsigned long n);
static int failures;
static void assert(long expected, long actual, const char *code)
{
	if (expected == actual) {
		printf("%s => %ld\n", code, actual);
	} else {
		printf("%s => %ld expected but got %ld\n", code, expected, actual);
		failures++;
	}
}
#define ASSERT(x, y) assert(x, y, #y)
