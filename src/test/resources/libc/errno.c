/* errno.h and strerror(): every errno value's glibc text */
#include <stdio.h>
#include <string.h>
#include <errno.h>

int main(void)
{
	int e;

	for (e = 0; e <= 134; e++)
		printf("%d %s\n", e, strerror(e));
	printf("EAGAIN==EWOULDBLOCK %d, EDEADLK==EDEADLOCK %d, ENOTSUP==EOPNOTSUPP %d\n",
	       EAGAIN == EWOULDBLOCK, EDEADLK == EDEADLOCK, ENOTSUP == EOPNOTSUPP);
	printf("ENOENT %d EFAULT %d ENOSYS %d ENOTTY %d EINTR %d\n", ENOENT, EFAULT, ENOSYS, ENOTTY, EINTR);
	return 0;
}
