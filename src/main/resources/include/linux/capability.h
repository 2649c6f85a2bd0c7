/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

#define CAP_SYS_ADMIN        21
#define CAP_SYS_MODULE       16
#define CAP_NET_ADMIN        12

extern bool capable(int cap);

#endif /* !_LINUX_CAPABILITY_H */
