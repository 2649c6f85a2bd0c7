/*
 * FILE streams, with glibc's buffering: stdout is line buffered when it is a terminal and fully
 * buffered (4096 bytes) into a pipe or a file, stderr is unbuffered, and exit() flushes every
 * stream. A stream decides on its first output, as glibc's _IO_file_doallocate does (isatty).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "internal.h"

#define STREAM_BUF 4096
#define MAX_STREAMS 32

struct _IO_FILE {
    int fd;
    int mode;          /* _IOFBF, _IOLBF, _IONBF; -1 until the first output decides */
    int readable, writable;
    int eof, err;
    int ungot;         /* a pushed-back byte, or -1 */
    char *wbuf;
    int wlen;
    char *rbuf;
    int rpos, rlen;
    int used;
};

static char out_buf[STREAM_BUF], in_buf[STREAM_BUF];
static struct _IO_FILE streams[MAX_STREAMS] = {
    {0, _IOFBF, 1, 0, 0, 0, -1, 0, 0, in_buf, 0, 0, 1},
    {1, -1, 0, 1, 0, 0, -1, out_buf, 0, 0, 0, 0, 1},
    {2, _IONBF, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1},
};
FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];

static int flush_out(FILE *f)
{
    int off = 0;
    while (off < f->wlen) {
        long n = write(f->fd, f->wbuf + off, (size_t)(f->wlen - off));
        if (n < 0) {
            f->err = 1;
            f->wlen = 0;
            return EOF;
        }
        off += (int)n;
    }
    f->wlen = 0;
    return 0;
}

int fflush(FILE *f)
{
    int i, r = 0;
    if (!f) {
        for (i = 0; i < MAX_STREAMS; i++)
            if (streams[i].used && streams[i].writable && flush_out(&streams[i]))
                r = EOF;
        return r;
    }
    return f->writable ? flush_out(f) : 0;
}

void __stdio_flush_all(void) { fflush((FILE *)0); }

static void decide(FILE *f)
{
    if (f->mode < 0)
        f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
    if (f->mode != _IONBF && !f->wbuf) {
        f->wbuf = malloc(STREAM_BUF);
        if (!f->wbuf) f->mode = _IONBF;
    }
}

/* Writes n bytes to f through its buffer; n or EOF. */
static int put(FILE *f, const char *s, int n)
{
    int i;
    if (!f->writable) {
        f->err = 1;
        errno = EBADF;
        return EOF;
    }
    decide(f);
    if (f->mode == _IONBF) {
        int off = 0;
        while (off < n) {
            long w = write(f->fd, s + off, (size_t)(n - off));
            if (w < 0) { f->err = 1; return EOF; }
            off += (int)w;
        }
        return n;
    }
    for (i = 0; i < n; i++) {
        if (f->wlen == STREAM_BUF && flush_out(f)) return EOF;
        f->wbuf[f->wlen++] = s[i];
        if (f->mode == _IOLBF && s[i] == '\n' && flush_out(f)) return EOF;
    }
    return n;
}

int __stdio_put(FILE *f, const char *s, int n) { return put(f, s, n); }

int fputc(int c, FILE *f)
{
    char ch = (char)c;
    return put(f, &ch, 1) == EOF ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) { return put(f, s, (int)strlen(s)) == EOF ? EOF : 1; }

int puts(const char *s)
{
    if (put(stdout, s, (int)strlen(s)) == EOF || put(stdout, "\n", 1) == EOF)
        return EOF;
    return 1;
}

size_t fwrite(const void *ptr, size_t size, size_t n, FILE *f)
{
    if (!size || !n) return 0;
    return put(f, ptr, (int)(size * n)) == EOF ? 0 : n;
}

int fgetc(FILE *f)
{
    if (f->ungot >= 0) {
        int c = f->ungot;
        f->ungot = -1;
        return c;
    }
    if (!f->readable) {
        f->err = 1;
        errno = EBADF;
        return EOF;
    }
    if (f->rpos == f->rlen) {
        long n;
        if (f->eof) return EOF;     /* end of file is sticky (glibc 2.28+): a ^D at the terminal ends reading */
        if (f == stdin) fflush(stdout);
        if (!f->rbuf) {
            f->rbuf = malloc(STREAM_BUF);
            if (!f->rbuf) return EOF;
        }
        n = read(f->fd, f->rbuf, STREAM_BUF);
        if (n <= 0) {
            if (n == 0) f->eof = 1; else f->err = 1;
            return EOF;
        }
        f->rpos = 0;
        f->rlen = (int)n;
    }
    return (unsigned char)f->rbuf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
    if (c == EOF) return EOF;
    f->ungot = (unsigned char)c;
    f->eof = 0;
    return (unsigned char)c;
}

char *fgets(char *s, int size, FILE *f)
{
    int i = 0;
    if (size <= 0) return (char *)0;
    while (i < size - 1) {
        int c = fgetc(f);
        if (c == EOF) break;
        s[i++] = (char)c;
        if (c == '\n') break;
    }
    if (i == 0) return (char *)0;
    s[i] = 0;
    return s;
}

size_t fread(void *ptr, size_t size, size_t n, FILE *f)
{
    char *p = ptr;
    size_t total = size * n, i;
    if (!total) return 0;
    for (i = 0; i < total; i++) {
        int c = fgetc(f);
        if (c == EOF) break;
        p[i] = (char)c;
    }
    return i / size;
}

static FILE *slot(int fd, int readable, int writable)
{
    int i;
    for (i = 3; i < MAX_STREAMS; i++) {
        if (!streams[i].used) {
            FILE *f = &streams[i];
            memset(f, 0, sizeof(*f));
            f->used = 1;
            f->fd = fd;
            f->mode = -1;
            f->readable = readable;
            f->writable = writable;
            f->ungot = -1;
            return f;
        }
    }
    errno = EMFILE;
    return (FILE *)0;
}

static int mode_flags(const char *mode, int *rd, int *wr)
{
    int plus = strchr(mode, '+') != 0;
    switch (mode[0]) {
    case 'r': *rd = 1; *wr = plus; return plus ? O_RDWR : O_RDONLY;
    case 'w': *rd = plus; *wr = 1; return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
    case 'a': *rd = plus; *wr = 1; return (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
    default: errno = EINVAL; return -1;
    }
}

FILE *fopen(const char *path, const char *mode)
{
    int rd, wr, fd;
    int flags = mode_flags(mode, &rd, &wr);
    FILE *f;
    if (flags < 0) return (FILE *)0;
    fd = open(path, flags, 0666);
    if (fd < 0) return (FILE *)0;
    f = slot(fd, rd, wr);
    if (!f) close(fd);
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int rd, wr;
    if (mode_flags(mode, &rd, &wr) < 0) return (FILE *)0;
    return slot(fd, rd, wr);
}

int fclose(FILE *f)
{
    int r = fflush(f);
    if (close(f->fd) < 0) r = EOF;
    if (f->wbuf && f->wbuf != out_buf) free(f->wbuf);
    if (f->rbuf && f->rbuf != in_buf) free(f->rbuf);
    f->used = 0;
    f->wbuf = 0;
    f->rbuf = 0;
    return r;
}

int fileno(FILE *f) { return f->fd; }
int feof(FILE *f) { return f->eof; }
int ferror(FILE *f) { return f->err; }
void clearerr(FILE *f) { f->eof = 0; f->err = 0; }

int fseek(FILE *f, long off, int whence)
{
    if (fflush(f)) return -1;
    if (whence == SEEK_CUR) off -= f->rlen - f->rpos;
    f->rpos = f->rlen = 0;
    f->ungot = -1;
    f->eof = 0;
    return lseek(f->fd, off, whence) < 0 ? -1 : 0;
}

long ftell(FILE *f)
{
    long pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0) return -1;
    return pos - (f->rlen - f->rpos) + f->wlen;
}

void rewind(FILE *f) { fseek(f, 0, SEEK_SET); f->err = 0; }

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) { errno = EINVAL; return -1; }
    f->mode = mode;
    return 0;
}

void setbuf(FILE *f, char *buf) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }
void setlinebuf(FILE *f) { setvbuf(f, (char *)0, _IOLBF, 0); }

int remove(const char *path) { return unlink(path); }
