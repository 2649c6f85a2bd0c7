/* poll.h: poll(2). */
#include <poll.h>
#include "internal.h"

int poll(struct pollfd *fds, nfds_t nfds, int timeout) { return (int)__sys3(SYS_poll, fds, nfds, timeout); }
