/* Drives /dev/kpregs's registers through ioctl: _IOWR read-back, _IOW writes, an _IOR count, _IO clear. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>

struct kpreg {
	unsigned int index;
	unsigned int value;
};

#define KPREGS_MAGIC 'r'
#define KPREGS_READ  _IOWR(KPREGS_MAGIC, 1, struct kpreg)
#define KPREGS_WRITE _IOW(KPREGS_MAGIC, 2, struct kpreg)
#define KPREGS_COUNT _IOR(KPREGS_MAGIC, 3, int)
#define KPREGS_CLEAR _IO(KPREGS_MAGIC, 4)

int main(void)
{
	struct kpreg r;
	int fd, i, n = -1;

	printf("READ %#lx WRITE %#lx COUNT %#lx CLEAR %#lx\n", (unsigned long)KPREGS_READ,
	       (unsigned long)KPREGS_WRITE, (unsigned long)KPREGS_COUNT, (unsigned long)KPREGS_CLEAR);
	fd = open("/dev/kpregs", O_RDWR);
	if (fd < 0) {
		perror("open /dev/kpregs");
		return 1;
	}
	for (i = 0; i < 8; i += 3) {
		r.index = i;
		r.value = 0x100 * i + 7;
		printf("write reg %d: %d\n", i, ioctl(fd, KPREGS_WRITE, &r));
	}
	for (i = 0; i < 8; i++) {
		r.index = i;
		r.value = 0;
		ioctl(fd, KPREGS_READ, &r);
		printf("reg %d = %#x\n", r.index, r.value);
	}
	ioctl(fd, KPREGS_COUNT, &n);
	printf("writes: %d\n", n);
	r.index = 8;
	printf("reg 8: %d\n", ioctl(fd, KPREGS_READ, &r));
	perror("ioctl");
	printf("clear: %d\n", ioctl(fd, KPREGS_CLEAR));
	ioctl(fd, KPREGS_COUNT, &n);
	printf("writes after clear: %d\n", n);
	printf("TCGETS: %d\n", ioctl(fd, 0x5401, &n));
	perror("ioctl");
	close(fd);
	return 0;
}
