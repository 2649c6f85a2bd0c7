/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_CTYPE_H
#define _LINUX_CTYPE_H

#include <linux/compiler.h>

static inline int isdigit(int c) { return '0' <= c && c <= '9'; }
static inline int isupper(int c) { return 'A' <= c && c <= 'Z'; }
static inline int islower(int c) { return 'a' <= c && c <= 'z'; }
static inline int isalpha(int c) { return isupper(c) || islower(c); }
static inline int isalnum(int c) { return isalpha(c) || isdigit(c); }
static inline int isxdigit(int c) { return isdigit(c) || ('a' <= (c | 32) && (c | 32) <= 'f'); }
static inline int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int iscntrl(int c) { return (c >= 0 && c < 32) || c == 127; }
static inline int isprint(int c) { return c >= 32 && c < 127; }
static inline int isgraph(int c) { return c > 32 && c < 127; }
static inline int ispunct(int c) { return isgraph(c) && !isalnum(c); }
static inline int isascii(int c) { return ((unsigned char)c) <= 127; }
static inline unsigned char tolower(unsigned char c) { return isupper(c) ? c - 'A' + 'a' : c; }
static inline unsigned char toupper(unsigned char c) { return islower(c) ? c - 'a' + 'A' : c; }
static inline char _tolower(const char c) { return c | 0x20; }

#endif
