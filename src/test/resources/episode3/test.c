/*
 * Episode III's test.c (Stephen Brennan's "Tutorial - Write a System Call"), with the number of
 * 6.1's first free slot, and two lines to see errno: a negative result sets it.
 */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>

#define SYS_stephen 451

int main(int argc, char **argv)
{
	if (argc <= 1) {
		printf("Must provide a string to give to system call.\n");
		return -1;
	}
	char *arg = argv[1];
	if (strcmp(arg, "--bad-pointer") == 0)
		arg = (char *)16;
	printf("Making system call with \"%s\".\n", arg == argv[1] ? arg : "(a bad pointer)");
	long res = syscall(SYS_stephen, arg);
	printf("System call returned %ld.\n", res);
	if (res < 0)
		printf("errno %d: %s\n", errno, strerror(errno));
	return res;
}
