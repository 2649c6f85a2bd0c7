/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/stringify.h>
#include <linux/compiler.h>

/*
 * Export symbols from the kernel to modules.  Forked from module.h
 * to reduce the amount of pointless cruft we feed to gcc when only
 * exporting a simple symbol or two.
 *
 * In kplay a module's exports are a struct kernel_symbol in section
 * "__ksymtab" or "__ksymtab_gpl" (absolute pointers, not 6.1's PREL32
 * offsets: kplay's loader relocates 8-byte pointers only), plus the name
 * in "__ksymtab_strings".
 */
struct kernel_symbol {
	const void *value;
	const char *name;
	const char *namespace;
};

#define ___EXPORT_SYMBOL(sym, sec, ns)						\
	extern typeof(sym) sym;							\
	static const char __kstrtab_##sym[]					\
	__used __section("__ksymtab_strings") __aligned(1) = #sym;		\
	static const struct kernel_symbol __ksymtab_##sym			\
	__used __section("__ksymtab" sec) __aligned(8)				\
	= { (const void *)&sym, __kstrtab_##sym, ns }

#define EXPORT_SYMBOL(sym)		___EXPORT_SYMBOL(sym, "", NULL)
#define EXPORT_SYMBOL_GPL(sym)		___EXPORT_SYMBOL(sym, "_gpl", NULL)
#define EXPORT_SYMBOL_NS(sym, ns)	___EXPORT_SYMBOL(sym, "", #ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	___EXPORT_SYMBOL(sym, "_gpl", #ns)

#define THIS_MODULE (&__this_module)

#endif /* _LINUX_EXPORT_H */
