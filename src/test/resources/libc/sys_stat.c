/* sys/stat.h: stat, fstat, the S_IS macros */
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;
	int fd, r;

	fd = open("/tmp/libc-stat.txt", O_WRONLY | O_CREAT | O_TRUNC, 0640);
	write(fd, "twelve bytes", 12);
	r = fstat(fd, &st);
	printf("fstat %d size %ld reg %d\n", r, (long)st.st_size, S_ISREG(st.st_mode));
	close(fd);
	r = stat("/tmp/libc-stat.txt", &st);
	printf("stat %d size %ld reg %d dir %d perm %o\n", r, (long)st.st_size, S_ISREG(st.st_mode),
	       S_ISDIR(st.st_mode), st.st_mode & 0777);
	r = stat("/tmp", &st);
	printf("stat /tmp %d dir %d\n", r, S_ISDIR(st.st_mode));
	r = stat("/dev/null", &st);
	printf("stat /dev/null %d chr %d\n", r, S_ISCHR(st.st_mode));
	r = stat("/tmp/none", &st);
	printf("stat missing %d errno %d\n", r, errno);
	printf("sizeof(struct stat) %zu\n", sizeof(struct stat));
	unlink("/tmp/libc-stat.txt");
	return 0;
}
