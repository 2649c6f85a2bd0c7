#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	int fd;
	FILE *f;
	long r;
	char *volatile bad = (char *)16;

	fd = open("/nonexistent", O_RDONLY);
	printf("open returned %d, errno %d\n", fd, errno);
	perror("open /nonexistent");
	f = fopen("/no/such/dir/file", "r");
	if (!f)
		perror("fopen");
	printf("strerror(EACCES) = %s\n", strerror(EACCES));
	printf("strerror(EFAULT) = %s\n", strerror(EFAULT));
	printf("strerror(0) = %s\n", strerror(0));
	printf("strerror(200) = %s\n", strerror(200));
	printf("getpid matches: %d\n", syscall(SYS_getpid) == getpid());
	r = syscall(451, "Hello World!");
	printf("syscall(451) returned %ld, errno %d\n", r, errno);
	perror("syscall");
	r = write(1, (char *)0, 5);
	printf("write(NULL) returned %ld\n", r);
	perror("write");
	r = read(0, bad, 5);
	printf("read(0, bad) returned %ld\n", r);
	fflush(stdout);
	errno = 0;
	perror(NULL);
	return 1;
}
