/* signal.h: kill(2), raise(), and signal() over rt_sigaction(2) with glibc's BSD semantics. */
#include <signal.h>
#include <unistd.h>
#include "internal.h"

struct k_sigaction {
    sighandler_t handler;
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

#define SA_RESTART 0x10000000
#define SA_RESTORER 0x04000000

int kill(pid_t pid, int sig) { return (int)__sys2(SYS_kill, pid, sig); }

int raise(int sig) { return kill(getpid(), sig); }

sighandler_t signal(int sig, sighandler_t handler)
{
    struct k_sigaction act, old;
    act.handler = handler;
    act.flags = SA_RESTART | SA_RESTORER;
    act.restorer = 0;
    act.mask = 0;
    if (__sys4(SYS_rt_sigaction, sig, &act, &old, 8) < 0)
        return SIG_ERR;
    return old.handler;
}
