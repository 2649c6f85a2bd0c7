/* The user-space half of an ioctl interface: _IOR, _IOW and _IO commands on /dev/kpioctl. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>

#define KP_GET _IOR('k', 1, int)
#define KP_SET _IOW('k', 2, int)
#define KP_RESET _IO('k', 3)

int main(void)
{
	int fd, v = 0, r;
	int *volatile bad = (int *)8;

	fd = open("/dev/kpioctl", O_RDWR);
	if (fd < 0) {
		perror("open /dev/kpioctl");
		return 1;
	}
	printf("KP_GET %#lx KP_SET %#lx KP_RESET %#x\n", (unsigned long)KP_GET, (unsigned long)KP_SET, KP_RESET);
	r = ioctl(fd, KP_GET, &v);
	printf("get: %d (returned %d)\n", v, r);
	v = 7;
	r = ioctl(fd, KP_SET, &v);
	printf("set 7: returned %d\n", r);
	v = 0;
	ioctl(fd, KP_GET, &v);
	printf("get: %d\n", v);
	r = ioctl(fd, KP_RESET);
	ioctl(fd, KP_GET, &v);
	printf("reset returned %d, get: %d\n", r, v);
	r = ioctl(fd, _IO('k', 99));
	printf("unknown command: %d errno %d\n", r, errno);
	perror("ioctl");
	r = ioctl(fd, KP_GET, bad);
	printf("bad pointer: %d errno %d\n", r, errno);
	perror("ioctl");
	close(fd);
	return 0;
}
