/* kplay libc: time.h (no floating point: difftime is not here). */
#ifndef _TIME_H
#define _TIME_H
#include <bits/types.h>
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_BOOTTIME 7
#define CLOCKS_PER_SEC 1000000L
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};
time_t time(time_t *t);
int clock_gettime(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);
#endif
