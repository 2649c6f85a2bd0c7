/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay: ALLOW_ERROR_INJECTION() as 6.1 defines it without CONFIG_FUNCTION_ERROR_INJECTION
 * (include/asm-generic/error-injection.h): kplay keeps no error-injection list, so it expands to nothing.
 */
#ifndef _LINUX_ERROR_INJECTION_H
#define _LINUX_ERROR_INJECTION_H

#include <linux/compiler.h>

#define ALLOW_ERROR_INJECTION(fname, _etype)

#endif /* _LINUX_ERROR_INJECTION_H */
