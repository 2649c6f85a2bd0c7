/* SPDX-License-Identifier: GPL-2.0-only */
/* Forced into every compilation by kbuild so a compiler upgrade rebuilds everything. */
