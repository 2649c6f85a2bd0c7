/*
 * malloc(3) over brk(2): first fit in a free list, 16-byte aligned blocks with a 16-byte header
 * (the block's size, with bit 0 set while in use), neighbours merged on free. Small and
 * predictable rather than glibc's ptmalloc; the addresses come from the process's heap as
 * glibc's do for small requests.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

struct block {
    unsigned long size;          /* whole block, header included; bit 0: in use */
    struct block *next_free;
};

#define HDR 16UL
static struct block *heap_start, *heap_end;

static unsigned long round16(unsigned long n) { return (n + 15) & ~15UL; }

static struct block *next_block(struct block *b) { return (struct block *)((char *)b + (b->size & ~1UL)); }

void *malloc(size_t size)
{
    unsigned long need;
    struct block *b;
    if (size > 0x7fffffffUL) {
        errno = ENOMEM;
        return (void *)0;
    }
    need = round16(size) + HDR;
    if (need < 32) need = 32;
    if (!heap_start) {
        char *p = sbrk(0);
        unsigned long pad = round16((unsigned long)p) - (unsigned long)p;
        if (pad && sbrk((long)pad) == (void *)-1) { errno = ENOMEM; return (void *)0; }
        heap_start = heap_end = (struct block *)(p + pad);
    }
    for (b = heap_start; b < heap_end; b = next_block(b)) {
        if (b->size & 1) continue;
        while (next_block(b) < heap_end && !(next_block(b)->size & 1))
            b->size += next_block(b)->size;
        if (b->size >= need) {
            if (b->size >= need + 32) {
                struct block *rest = (struct block *)((char *)b + need);
                rest->size = b->size - need;
                b->size = need;
            }
            b->size |= 1;
            return (char *)b + HDR;
        }
    }
    if (sbrk((long)need) == (void *)-1) {
        errno = ENOMEM;
        return (void *)0;
    }
    b = heap_end;
    b->size = need | 1;
    heap_end = (struct block *)((char *)b + need);
    return (char *)b + HDR;
}

void free(void *p)
{
    struct block *b;
    if (!p) return;
    b = (struct block *)((char *)p - HDR);
    if (!(b->size & 1)) {
        static const char msg[] = "free(): double free detected in tcache 2\n";
        write(2, msg, sizeof(msg) - 1);
        abort();
    }
    b->size &= ~1UL;
}

void *calloc(size_t n, size_t size)
{
    void *p;
    if (size && n > 0x7fffffffUL / size) {
        errno = ENOMEM;
        return (void *)0;
    }
    p = malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

void *realloc(void *p, size_t size)
{
    struct block *b;
    unsigned long have;
    void *q;
    if (!p) return malloc(size);
    if (!size) { free(p); return (void *)0; }
    b = (struct block *)((char *)p - HDR);
    have = (b->size & ~1UL) - HDR;
    if (have >= size) return p;
    q = malloc(size);
    if (q) {
        memcpy(q, p, have);
        free(p);
    }
    return q;
}
