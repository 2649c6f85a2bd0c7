/* A poll loop: wait for /dev/kppoll to become readable, with a timeout; a write makes it ready. */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>

int main(void)
{
	struct pollfd p;
	char buf[64];
	int i, r;
	ssize_t n;

	p.fd = open("/dev/kppoll", O_RDWR);
	if (p.fd < 0) {
		perror("open /dev/kppoll");
		return 1;
	}
	for (i = 0; i < 3; i++) {
		p.events = POLLIN;
		p.revents = 0;
		r = poll(&p, 1, 200);
		printf("round %d: poll %d revents %#x\n", i, r, p.revents);
		write(p.fd, "x", 1);
		p.events = POLLIN | POLLOUT;
		r = poll(&p, 1, 200);
		printf("round %d: after write poll %d revents %#x\n", i, r, p.revents);
		n = read(p.fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		printf("round %d: read %zd: %s", i, n, buf);
	}
	n = read(p.fd, buf, sizeof(buf));
	printf("read when not ready: %zd\n", n);
	perror("read");
	close(p.fd);
	return 0;
}
