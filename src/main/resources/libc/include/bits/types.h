/* kplay libc: the basic types of the x86-64 LP64 ABI, shared by the headers that need them. */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H
typedef unsigned long size_t;
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long time_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long suseconds_t;
typedef long clock_t;
typedef int clockid_t;
#endif
