/* kplay libc: sys/wait.h (status macros only: kplay's processes cannot fork yet). */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H
#include <bits/types.h>
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((signed char)(((s) & 0x7f) + 1) >> 1) > 0)
#endif
