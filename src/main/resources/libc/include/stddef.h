/* kplay libc: stddef.h. */
#ifndef _STDDEF_H
#define _STDDEF_H
#include <bits/types.h>
typedef long ptrdiff_t;
typedef int wchar_t;
#define NULL ((void *)0)
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif
