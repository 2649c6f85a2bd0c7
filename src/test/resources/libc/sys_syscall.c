/* sys/syscall.h: 6.1's numbers and syscall() with errno from a negative return */
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	long r;

	printf("read %d write %d open %d close %d ioctl %d poll %d brk %d exit_group %d openat %d\n", SYS_read,
	       SYS_write, SYS_open, SYS_close, SYS_ioctl, SYS_poll, SYS_brk, SYS_exit_group, SYS_openat);
	printf("pkey_mprotect %d process_mrelease %d futex_waitv %d set_mempolicy_home_node %d\n", SYS_pkey_mprotect,
	       SYS_process_mrelease, SYS_futex_waitv, SYS_set_mempolicy_home_node);
	printf("getpid via syscall matches %d\n", syscall(SYS_getpid) == getpid());
	r = syscall(SYS_write, 1, "raw write\n", 10);
	printf("syscall write returned %ld\n", r);
	errno = 0;
	r = syscall(SYS_close, 99);
	printf("close(99) %ld errno %d\n", r, errno);
	r = syscall(100000);
	printf("syscall 100000 %ld errno %d\n", r, errno);
	return 0;
}
