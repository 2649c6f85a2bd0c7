/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H

#include <linux/list.h>
#include <linux/wait.h>
#include <linux/types.h>

#endif /* _LINUX_SYSCTL_H */
