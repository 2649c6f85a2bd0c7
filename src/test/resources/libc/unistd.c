/* unistd.h: read, write, lseek, close, getpid, access, unlink, sleep/usleep, getcwd */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int fd;
	ssize_t n;
	off_t off;
	int r;

	printf("getpid positive %d, getppid positive %d\n", getpid() > 0, getppid() > 0);
	fd = open("/tmp/libc-unistd.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	n = write(fd, "0123456789", 10);
	printf("write %zd\n", n);
	close(fd);
	fd = open("/tmp/libc-unistd.txt", O_RDONLY);
	n = read(fd, buf, 4);
	buf[n] = 0;
	printf("read %zd [%s]\n", n, buf);
	off = lseek(fd, 2, SEEK_CUR);
	printf("lseek cur %ld\n", (long)off);
	n = read(fd, buf, sizeof(buf));
	buf[n] = 0;
	printf("read %zd [%s]\n", n, buf);
	printf("lseek end %ld\n", (long)lseek(fd, 0, SEEK_END));
	printf("read at eof %zd\n", read(fd, buf, 5));
	off = lseek(fd, 0, 7);
	printf("lseek bad whence %ld errno %d\n", (long)off, errno);
	r = close(fd);
	printf("close %d\n", r);
	r = close(fd);
	printf("close again %d errno %d\n", r, errno);
	n = write(42, "x", 1);
	printf("write to bad fd %zd errno %d\n", n, errno);
	r = access("/tmp/libc-unistd.txt", F_OK);
	printf("access ok %d\n", r);
	r = access("/tmp/nope", F_OK);
	printf("access missing %d errno %d\n", r, errno);
	r = unlink("/tmp/libc-unistd.txt");
	printf("unlink %d\n", r);
	r = unlink("/tmp/libc-unistd.txt");
	printf("unlink again %d errno %d\n", r, errno);
	printf("sleep(0) %u\n", sleep(0));
	printf("usleep %d\n", usleep(1000));
	printf("getcwd %s\n", getcwd(buf, sizeof(buf)) ? "ok" : "failed");
	r = isatty(42);
	printf("isatty(42) %d errno %d\n", r, errno);
	return 0;
}
