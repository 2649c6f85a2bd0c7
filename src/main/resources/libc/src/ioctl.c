/* sys/ioctl.h: ioctl(2). */
#include <sys/ioctl.h>
#include <stdarg.h>
#include "internal.h"

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    long arg;
    va_start(ap, request);
    arg = va_arg(ap, long);
    va_end(ap);
    return (int)__sys3(SYS_ioctl, fd, request, arg);
}
