/*
 * Episode II from C: a process holds /dev/chardev open while the module, which has no .owner,
 * is removed; its next read follows f_op into the freed module.
 */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[128];
	ssize_t n;
	int fd = open("/dev/chardev", O_RDONLY);

	if (fd < 0) {
		perror("open /dev/chardev");
		return 1;
	}
	n = read(fd, buf, sizeof(buf));
	sleep(2);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n < 0;
}
