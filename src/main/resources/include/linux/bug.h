/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/panic.h>

/*
 * BUG(): kplay's CPU traps (the ud2 gcc emits), and the kernel prints
 * "kernel BUG at FILE:LINE!" and an oops, as x86 does from its bug table.
 */
#define BUG() do {							\
	__builtin_trap();						\
} while (0)

#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

/*
 * WARN(): the kernel prints "WARNING: CPU: 0 PID: N at FILE:LINE func+0x../0x.. [mod]",
 * the module list, registers and call trace, taints W, and goes on.
 */
extern __printf(4, 5)
void warn_slowpath_fmt(const char *file, const int line, unsigned taint,
		       const char *fmt, ...);

#define __WARN()		warn_slowpath_fmt(__FILE__, __LINE__, TAINT_WARN, NULL)
#define __WARN_printf(taint, arg...) \
	warn_slowpath_fmt(__FILE__, __LINE__, taint, arg)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(TAINT_WARN, format);			\
	unlikely(__ret_warn_on);					\
})

#define WARN_TAINT(condition, taint, format...) ({			\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(taint, format);				\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __section(".data.once") __warned;			\
	int __ret_warn_once = !!(condition);				\
									\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN();						\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __section(".data.once") __warned;			\
	int __ret_warn_once = !!(condition);				\
									\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		WARN(1, format);					\
	}								\
	unlikely(__ret_warn_once);					\
})

#endif	/* _LINUX_BUG_H */
