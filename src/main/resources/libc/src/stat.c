/* sys/stat.h: stat() and lstat() are newfstatat(2), fstat() is fstat(2), as in glibc 2.36. */
#include <sys/stat.h>
#include "internal.h"

int stat(const char *path, struct stat *st) { return (int)__sys4(SYS_newfstatat, -100, path, st, 0); }
int lstat(const char *path, struct stat *st) { return (int)__sys4(SYS_newfstatat, -100, path, st, 0x100); }
int fstat(int fd, struct stat *st) { return (int)__sys2(SYS_fstat, fd, st); }
int mkdir(const char *path, mode_t mode) { return (int)__sys3(SYS_mkdirat, -100, path, mode); }
int mknod(const char *path, mode_t mode, dev_t dev) { return (int)__sys4(SYS_mknodat, -100, path, mode, dev); }
int chmod(const char *path, mode_t mode) { return (int)__sys3(SYS_fchmodat, -100, path, mode); }
mode_t umask(mode_t mask) { return (mode_t)__sys1(SYS_umask, mask); }
