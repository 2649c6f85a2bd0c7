/* unistd.h: thin wrappers over the 6.1 system calls, errno set from a negative return. */
#include <unistd.h>
#include <time.h>
#include <errno.h>
#include <sys/ioctl.h>
#include "internal.h"

ssize_t read(int fd, void *buf, size_t count) { return __sys3(SYS_read, fd, buf, count); }
ssize_t write(int fd, const void *buf, size_t count) { return __sys3(SYS_write, fd, buf, count); }
int close(int fd) { return (int)__sys1(SYS_close, fd); }
off_t lseek(int fd, off_t offset, int whence) { return __sys3(SYS_lseek, fd, offset, whence); }
pid_t getpid(void) { return (pid_t)__sys0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)__sys0(SYS_getppid); }
uid_t getuid(void) { return (uid_t)__sys0(SYS_getuid); }
uid_t geteuid(void) { return (uid_t)__sys0(SYS_geteuid); }
gid_t getgid(void) { return (gid_t)__sys0(SYS_getgid); }
gid_t getegid(void) { return (gid_t)__sys0(SYS_getegid); }
int dup(int fd) { return (int)__sys1(SYS_dup, fd); }
int dup2(int oldfd, int newfd) { return (int)__sys2(SYS_dup2, oldfd, newfd); }
int pipe(int fds[2]) { return (int)__sys2(SYS_pipe2, fds, 0); }
int unlink(const char *path) { return (int)__sys3(SYS_unlinkat, -100, path, 0); }
int rmdir(const char *path) { return (int)__sys3(SYS_unlinkat, -100, path, 0x200); }
int access(const char *path, int mode) { return (int)__sys4(SYS_faccessat2, -100, path, mode, 0); }
int chdir(const char *path) { return (int)__sys1(SYS_chdir, path); }
int fsync(int fd) { return (int)__sys1(SYS_fsync, fd); }
unsigned int alarm(unsigned int seconds) { return (unsigned int)__sys1(SYS_alarm, seconds); }
int pause(void) { return (int)__sys0(SYS_pause); }
int getpagesize(void) { return 4096; }

char *getcwd(char *buf, size_t size)
{
    long r = __sys2(SYS_getcwd, buf, size);
    return r < 0 ? (char *)0 : buf;
}

int isatty(int fd)
{
    char termios[64];
    return ioctl(fd, TCGETS, termios) == 0;
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec ts, rem;
    ts.tv_sec = seconds;
    ts.tv_nsec = 0;
    if (__kplay_syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, (long)&ts, (long)&rem, 0, 0) != 0)
        return (unsigned int)rem.tv_sec;
    return 0;
}

int usleep(unsigned int usec)
{
    struct timespec ts;
    ts.tv_sec = usec / 1000000;
    ts.tv_nsec = (long)(usec % 1000000) * 1000;
    return nanosleep(&ts, (struct timespec *)0);
}

static unsigned long curbrk;

int brk(void *addr)
{
    unsigned long r = (unsigned long)__kplay_syscall(SYS_brk, (long)addr, 0, 0, 0, 0, 0);
    curbrk = r;
    if (r < (unsigned long)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(long increment)
{
    unsigned long old;
    if (curbrk == 0)
        curbrk = (unsigned long)__kplay_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
    old = curbrk;
    if (increment == 0)
        return (void *)old;
    if (brk((void *)(old + increment)) < 0)
        return (void *)-1;
    return (void *)old;
}
