/* fcntl.h: open flags */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static void dump(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	buf[n < 0 ? 0 : n] = 0;
	printf("contents [%s]\n", buf);
	close(fd);
}

int main(void)
{
	int fd;
	ssize_t n;

	printf("O_RDONLY %o O_WRONLY %o O_RDWR %o O_CREAT %o O_EXCL %o O_TRUNC %o O_APPEND %o O_NONBLOCK %o\n",
	       O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK);
	fd = open("/tmp/libc-fcntl.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	printf("create fd>=3 %d\n", fd >= 3);
	write(fd, "first", 5);
	close(fd);
	fd = open("/tmp/libc-fcntl.txt", O_WRONLY | O_APPEND);
	write(fd, "+more", 5);
	close(fd);
	dump("/tmp/libc-fcntl.txt");
	fd = open("/tmp/libc-fcntl.txt", O_WRONLY | O_TRUNC);
	write(fd, "new", 3);
	close(fd);
	dump("/tmp/libc-fcntl.txt");
	fd = open("/tmp/libc-fcntl.txt", O_RDONLY);
	n = write(fd, "x", 1);
	printf("write to O_RDONLY %zd errno %d\n", n, errno);
	close(fd);
	fd = open("/tmp/missing-file", O_RDONLY);
	printf("open missing %d errno %d\n", fd, errno);
	fd = open("/tmp", O_WRONLY);
	printf("open dir for write %d errno %d\n", fd, errno);
	unlink("/tmp/libc-fcntl.txt");
	return 0;
}
