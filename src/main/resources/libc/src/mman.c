/* sys/mman.h: mmap(2), munmap(2). */
#include <sys/mman.h>
#include "internal.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return (void *)__sys6(SYS_mmap, addr, len, prot, flags, fd, off);
}

int munmap(void *addr, size_t len) { return (int)__sys2(SYS_munmap, addr, len); }
