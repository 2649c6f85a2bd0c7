/*
 * The system-call gate of kplay's libc. __kplay_syscall is the x86-64 `syscall` instruction:
 * kplay's instruction set has no such opcode, so the program loader binds this one name to the
 * kernel's entry (entry_SYSCALL_64), which takes the number and six arguments and returns what
 * the kernel returned in rax. Every other function of the library reaches the kernel through it.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

long __kplay_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);

/* glibc's convention: a return in [-4095, -1] is -errno; errno is set and -1 returned. */
long __syscall_ret(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

long syscall(long number, ...)
{
    va_list ap;
    long a1, a2, a3, a4, a5, a6;
    va_start(ap, number);
    a1 = va_arg(ap, long);
    a2 = va_arg(ap, long);
    a3 = va_arg(ap, long);
    a4 = va_arg(ap, long);
    a5 = va_arg(ap, long);
    a6 = va_arg(ap, long);
    va_end(ap);
    return __syscall_ret(__kplay_syscall(number, a1, a2, a3, a4, a5, a6));
}
