/* What the files of kplay's libc share: the raw system-call gate and the stream list. */
#ifndef _KPLAY_LIBC_INTERNAL_H
#define _KPLAY_LIBC_INTERNAL_H
#include <sys/syscall.h>
long __kplay_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long __syscall_ret(long r);
#define __sys0(n) __syscall_ret(__kplay_syscall((n), 0, 0, 0, 0, 0, 0))
#define __sys1(n, a) __syscall_ret(__kplay_syscall((n), (long)(a), 0, 0, 0, 0, 0))
#define __sys2(n, a, b) __syscall_ret(__kplay_syscall((n), (long)(a), (long)(b), 0, 0, 0, 0))
#define __sys3(n, a, b, c) __syscall_ret(__kplay_syscall((n), (long)(a), (long)(b), (long)(c), 0, 0, 0))
#define __sys4(n, a, b, c, d) __syscall_ret(__kplay_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0))
#define __sys6(n, a, b, c, d, e, f) \
    __syscall_ret(__kplay_syscall((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))
void __stdio_flush_all(void);
extern char **environ;
#endif
