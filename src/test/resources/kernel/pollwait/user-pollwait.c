/* Waits in poll() with no timeout for /dev/kpwait to become readable, then reads the message. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>

int main(void)
{
	struct pollfd p;
	char buf[64];
	int r;
	ssize_t n;

	p.fd = open("/dev/kpwait", O_RDONLY);
	if (p.fd < 0) {
		perror("open /dev/kpwait");
		return 1;
	}
	p.events = POLLIN;
	r = poll(&p, 1, -1);
	n = read(p.fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("poll %d revents %#x, read %zd: %s", r, p.revents, n, buf);
	close(p.fd);
	return r == 1 ? 0 : 2;
}
