/* stdlib.h: number parsing, getenv, qsort, rand (glibc's TYPE_0 generator is not modelled: a LCG). */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include "internal.h"

static int digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* The magnitude of s in base (0: auto), saturating at limit; sets *neg, *end, *over. */
static unsigned long parse(const char *s, char **end, int base, int *neg, unsigned long limit, int *over)
{
    const char *p = s;
    unsigned long v = 0;
    int any = 0;
    *neg = 0;
    *over = 0;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '+' || *p == '-') { *neg = *p == '-'; p++; }
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit((unsigned char)p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    for (;; p++) {
        int d = digit((unsigned char)*p);
        if (d >= base) break;
        any = 1;
        if (v > (limit - (unsigned long)d) / (unsigned long)base) {
            *over = 1;
            v = limit;
        } else if (!*over) {
            v = v * (unsigned long)base + (unsigned long)d;
        }
    }
    if (end) *end = (char *)(any ? p : s);
    return v;
}

long strtol(const char *s, char **end, int base)
{
    int neg, over;
    unsigned long v = parse(s, end, base, &neg, (unsigned long)LONG_MAX + 1, &over);
    if (!neg && v > (unsigned long)LONG_MAX) { over = 1; v = LONG_MAX; }
    if (over) {
        errno = ERANGE;
        return neg ? LONG_MIN : LONG_MAX;
    }
    return neg ? -(long)v : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    int neg, over;
    unsigned long v = parse(s, end, base, &neg, ULONG_MAX, &over);
    if (over) {
        errno = ERANGE;
        return ULONG_MAX;
    }
    return neg ? -v : v;
}

long long strtoll(const char *s, char **end, int base) { return strtol(s, end, base); }
unsigned long long strtoull(const char *s, char **end, int base) { return strtoul(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, (char **)0, 10); }
long atol(const char *s) { return strtol(s, (char **)0, 10); }
long long atoll(const char *s) { return strtol(s, (char **)0, 10); }
int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int a, int b) { div_t r; r.quot = a / b; r.rem = a % b; return r; }
ldiv_t ldiv(long a, long b) { ldiv_t r; r.quot = a / b; r.rem = a % b; return r; }

char *getenv(const char *name)
{
    size_t n = strlen(name);
    char **e;
    for (e = environ; e && *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return (char *)0;
}

static unsigned long seed = 1;

void srand(unsigned int s) { seed = s; }

int rand(void)
{
    seed = seed * 1103515245 + 12345;
    return (int)((seed / 65536) % 2147483648UL);
}

static void swap(char *a, char *b, size_t size)
{
    while (size--) { char t = *a; *a++ = *b; *b++ = t; }
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *b = base;
    size_t i, j;
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--)
            swap(b + (j - 1) * size, b + j * size, size);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    const char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp(key, b + mid * size);
        if (c == 0) return (void *)(b + mid * size);
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return (void *)0;
}
