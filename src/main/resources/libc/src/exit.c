/* exit(), atexit(), _exit(), abort(): glibc's order (atexit handlers last-first, then stdio). */
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
#include "internal.h"

#define ATEXIT_MAX 32
static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
    if (nhandlers == ATEXIT_MAX)
        return -1;
    handlers[nhandlers++] = fn;
    return 0;
}

void _exit(int status)
{
    for (;;)
        __kplay_syscall(SYS_exit_group, status, 0, 0, 0, 0, 0);
}

void _Exit(int status)
{
    _exit(status);
}

void exit(int status)
{
    while (nhandlers > 0)
        handlers[--nhandlers]();
    __stdio_flush_all();
    _exit(status);
}

void abort(void)
{
    __kplay_syscall(SYS_kill, __kplay_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0), SIGABRT, 0, 0, 0, 0);
    _exit(127);
}

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func);
