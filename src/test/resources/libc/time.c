/* time.h: clocks move forward, nanosleep sleeps */
#include <stdio.h>
#include <time.h>
#include <sys/time.h>

int main(void)
{
	struct timespec a, b, req;
	struct timeval tv;
	long ns;

	printf("clock_gettime %d\n", clock_gettime(CLOCK_MONOTONIC, &a));
	req.tv_sec = 0;
	req.tv_nsec = 20000000;
	printf("nanosleep %d\n", nanosleep(&req, NULL));
	clock_gettime(CLOCK_MONOTONIC, &b);
	ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
	printf("slept at least 20 ms %d\n", ns >= 20000000L);
	printf("time after 2020 %d\n", time(NULL) > 1577836800L);
	gettimeofday(&tv, NULL);
	printf("gettimeofday after 2020 %d usec in range %d\n", tv.tv_sec > 1577836800L, tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	req.tv_nsec = 1000000000L;
	printf("nanosleep invalid %d\n", nanosleep(&req, NULL));
	return 0;
}
