/* sys/ioctl.h: the _IO macros' encoding, ioctl on a file that is not a terminal */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>

struct pair {
	int a;
	long b;
};

#define MY_RESET _IO('k', 0)
#define MY_GET _IOR('k', 1, int)
#define MY_SET _IOW('k', 2, struct pair)
#define MY_SWAP _IOWR('k', 3, long)

int main(void)
{
	int fd, v, r;

	printf("_IO %#x _IOR %#lx _IOW %#lx _IOWR %#lx\n", MY_RESET, (unsigned long)MY_GET, (unsigned long)MY_SET,
	       (unsigned long)MY_SWAP);
	printf("dir %u type %c nr %u size %u\n", _IOC_DIR(MY_SET), _IOC_TYPE(MY_SET), _IOC_NR(MY_SET), _IOC_SIZE(MY_SET));
	fd = open("/tmp/libc-ioctl.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
	r = ioctl(fd, MY_GET, &v);
	printf("ioctl on a file %d errno %d\n", r, errno);
	close(fd);
	r = ioctl(77, MY_GET, &v);
	printf("ioctl on a bad fd %d errno %d\n", r, errno);
	unlink("/tmp/libc-ioctl.txt");
	return 0;
}
