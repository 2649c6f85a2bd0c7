/* poll.h: poll on files that are always ready, a closed fd, and a timeout with nothing to wait for */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <poll.h>

int main(void)
{
	struct pollfd p[3];
	int fd, r;

	fd = open("/tmp/libc-poll.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);
	p[0].fd = fd;
	p[0].events = POLLIN | POLLOUT;
	p[1].fd = 99;
	p[1].events = POLLIN;
	p[2].fd = -1;
	p[2].events = POLLIN;
	r = poll(p, 3, 100);
	printf("poll %d revents %#x %#x %#x\n", r, p[0].revents, p[1].revents, p[2].revents);
	p[0].events = POLLIN;
	r = poll(p, 1, 0);
	printf("poll read only %d revents %#x\n", r, p[0].revents);
	r = poll(p + 2, 1, 10);
	printf("poll nothing %d\n", r);
	close(fd);
	unlink("/tmp/libc-poll.txt");
	return 0;
}
