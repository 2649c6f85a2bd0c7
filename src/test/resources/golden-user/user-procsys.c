#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

static void show(const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		return;
	}
	while (fgets(line, sizeof(line), f))
		printf("%s: %s", path, line);
	fclose(f);
}

int main(void)
{
	char buf[128];
	int fd;
	ssize_t n;

	show("/proc/sys/kernel/printk");
	show("/proc/sys/kernel/tainted");
	show("/sys/module/hello_user/initstate");
	show("/sys/module/hello_user/refcnt");
	show("/sys/module/nosuchmodule/refcnt");
	fd = open("/proc/sys/kernel/osrelease", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("osrelease: %zd bytes: %s", n, buf);
	close(fd);
	return 0;
}
