/* time.h and sys/time.h over clock_gettime(2) and clock_nanosleep(2). */
#include <time.h>
#include <sys/time.h>
#include "internal.h"

int clock_gettime(clockid_t clk, struct timespec *ts) { return (int)__sys2(SYS_clock_gettime, clk, ts); }

time_t time(time_t *t)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)__sys4(SYS_clock_nanosleep, CLOCK_REALTIME, 0, req, rem);
}
