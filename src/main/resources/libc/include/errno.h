/* kplay libc: errno.h. errno is one variable (one thread per process). */
#ifndef _ERRNO_H
#define _ERRNO_H
#include <bits/errno.h>
extern int errno;
extern char *program_invocation_name;
extern char *program_invocation_short_name;
#endif
