/*
 * The printf family with glibc's formats: flags "-+ #0", width and precision (also '*'), the
 * length modifiers hh h l ll z t j, conversions d i u o x X c s p n %. glibc's own texts where
 * C leaves them open: "(nil)" for a NULL %p, "(null)" for a NULL %s. Floating point conversions
 * are not here: kplay's compiler refuses floating-point code at build time.
 */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

int __stdio_put(FILE *f, const char *s, int n);

struct out {
    char *buf;          /* a string's buffer, or 0 */
    size_t cap;
    FILE *f;            /* a stream, or 0 */
    int fd;             /* dprintf's descriptor, or -1 */
    char stage[1024];
    int staged;
    int total;
    int failed;
};

static void drain(struct out *o)
{
    if (o->staged) {
        if (o->f) {
            if (__stdio_put(o->f, o->stage, o->staged) < 0) o->failed = 1;
        } else if (o->fd >= 0) {
            if (write(o->fd, o->stage, (size_t)o->staged) < 0) o->failed = 1;
        }
        o->staged = 0;
    }
}

static void emit(struct out *o, char c)
{
    if (o->f || o->fd >= 0) {
        if (o->staged == (int)sizeof(o->stage)) drain(o);
        o->stage[o->staged++] = c;
    } else if ((size_t)o->total + 1 < o->cap) {
        o->buf[o->total] = c;
    }
    o->total++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0) emit(o, c);
}

static void format(struct out *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        int left = 0, plus = 0, space = 0, alt = 0, zero = 0, width = 0, prec = -1, len = 0;
        char digits[72];
        int nd = 0, i;
        unsigned long u = 0;
        int neg = 0, base = 10, upper = 0, is_signed = 0;
        const char *prefix = "";
        if (*fmt != '%') {
            emit(o, *fmt);
            continue;
        }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '+') plus = 1;
            else if (*fmt == ' ') space = 1;
            else if (*fmt == '#') alt = 1;
            else if (*fmt == '0') zero = 1;
            else break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) { left = 1; width = -width; }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
            }
        }
        for (;; fmt++) {
            if (*fmt == 'h') len--;
            else if (*fmt == 'l') len++;
            else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') len = 1;
            else break;
        }
        switch (*fmt) {
        case '%':
            emit(o, '%');
            continue;
        case 'c': {
            char c = (char)va_arg(ap, int);
            if (!left) pad(o, ' ', width - 1);
            emit(o, c);
            if (left) pad(o, ' ', width - 1);
            continue;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            int n;
            if (!s) s = prec < 0 || prec >= 6 ? "(null)" : "";
            n = (int)(prec < 0 ? strlen(s) : strnlen(s, (size_t)prec));
            if (!left) pad(o, ' ', width - n);
            for (i = 0; i < n; i++) emit(o, s[i]);
            if (left) pad(o, ' ', width - n);
            continue;
        }
        case 'n':
            *va_arg(ap, int *) = o->total;
            continue;
        case 'p': {
            void *p = va_arg(ap, void *);
            if (!p) {
                const char *nil = "(nil)";
                if (!left) pad(o, ' ', width - 5);
                for (i = 0; i < 5; i++) emit(o, nil[i]);
                if (left) pad(o, ' ', width - 5);
                continue;
            }
            u = (unsigned long)p;
            base = 16;
            prefix = "0x";
            break;
        }
        case 'd':
        case 'i': {
            long v;
            is_signed = 1;
            if (len >= 1) v = va_arg(ap, long);
            else v = va_arg(ap, int);
            if (len == -1) v = (short)v;
            if (len <= -2) v = (signed char)v;
            neg = v < 0;
            u = neg ? -(unsigned long)v : (unsigned long)v;
            break;
        }
        case 'u': case 'o': case 'x': case 'X':
            if (len >= 1) u = va_arg(ap, unsigned long);
            else u = va_arg(ap, unsigned int);
            if (len == -1) u = (unsigned short)u;
            if (len <= -2) u = (unsigned char)u;
            base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            upper = *fmt == 'X';
            if (alt && u && base == 16) prefix = upper ? "0X" : "0x";
            break;
        default:
            /* an unknown conversion is printed as written, as glibc does */
            emit(o, '%');
            if (*fmt) emit(o, *fmt); else fmt--;
            continue;
        }
        while (u) {
            int d = (int)(u % (unsigned long)base);
            digits[nd++] = (char)(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
            u /= (unsigned long)base;
        }
        if (prec < 0 && nd == 0) digits[nd++] = '0';
        if (alt && base == 8 && (nd == 0 || digits[nd - 1] != '0')) {
            if (prec <= nd) prec = nd + 1;
        }
        {
            int zeros = prec > nd ? prec - nd : 0;
            int sign = is_signed && (neg || plus || space);
            int body = nd + zeros + sign + (int)strlen(prefix);
            if (zero && !left && prec < 0) {
                zeros += width - body > 0 ? width - body : 0;
                body = width > body ? width : body;
            }
            if (!left) pad(o, ' ', width - body);
            if (sign) emit(o, neg ? '-' : plus ? '+' : ' ');
            for (i = 0; prefix[i]; i++) emit(o, prefix[i]);
            pad(o, '0', zeros);
            while (nd > 0) emit(o, digits[--nd]);
            if (left) pad(o, ' ', width - body);
        }
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = buf;
    o.cap = size;
    o.f = 0;
    o.fd = -1;
    o.staged = 0;
    o.total = 0;
    o.failed = 0;
    format(&o, fmt, ap);
    if (size) buf[(size_t)o.total < size ? (size_t)o.total : size - 1] = 0;
    return o.total;
}

int vsprintf(char *buf, const char *fmt, va_list ap) { return vsnprintf(buf, 0x7fffffff, fmt, ap); }

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = 0;
    o.cap = 0;
    o.f = f;
    o.fd = -1;
    o.staged = 0;
    o.total = 0;
    o.failed = 0;
    format(&o, fmt, ap);
    drain(&o);
    return o.failed ? -1 : o.total;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = 0;
    o.cap = 0;
    o.f = 0;
    o.fd = fd;
    o.staged = 0;
    o.total = 0;
    o.failed = 0;
    format(&o, fmt, ap);
    drain(&o);
    return o.failed ? -1 : o.total;
}

int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int printf(const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsnprintf(buf, 0x7fffffff, fmt, ap);
    va_end(ap);
    return r;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

int sscanf(const char *str, const char *fmt, ...)
{
    va_list ap;
    int n = 0;
    va_start(ap, fmt);
    while (*fmt) {
        if (*fmt == ' ') {
            while (*str == ' ' || *str == '\t' || *str == '\n') str++;
            fmt++;
        } else if (*fmt == '%' && (fmt[1] == 'd' || (fmt[1] == 'l' && fmt[2] == 'd'))) {
            long v = 0;
            int neg = 0, any = 0;
            int is_long = fmt[1] == 'l';
            while (*str == ' ' || *str == '\t' || *str == '\n') str++;
            if (*str == '-' || *str == '+') neg = *str++ == '-';
            while (*str >= '0' && *str <= '9') { v = v * 10 + (*str++ - '0'); any = 1; }
            if (!any) break;
            if (is_long) *va_arg(ap, long *) = neg ? -v : v;
            else *va_arg(ap, int *) = (int)(neg ? -v : v);
            n++;
            fmt += is_long ? 3 : 2;
        } else if (*fmt == '%' && fmt[1] == 's') {
            char *d = va_arg(ap, char *);
            while (*str == ' ' || *str == '\t' || *str == '\n') str++;
            if (!*str) break;
            while (*str && *str != ' ' && *str != '\t' && *str != '\n') *d++ = *str++;
            *d = 0;
            n++;
            fmt += 2;
        } else {
            if (*fmt != *str) break;
            fmt++;
            str++;
        }
    }
    va_end(ap);
    return n;
}
