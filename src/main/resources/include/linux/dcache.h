/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H
/*
 * Directory entries as modules see them: file->f_path.dentry->d_name.name.
 *
 * struct qstr (16): @0 u32 hash; @4 u32 len (together u64 hash_len); @8 const unsigned char *name.
 * struct dentry (128): @0 d_flags; @4 d_seq; @8 d_hash (16); @24 d_parent; @32 struct qstr d_name;
 * @48 struct inode *d_inode; @56 unsigned char d_iname[32]; @88 d_lockref; @96 d_op; @104 d_sb;
 * @112 d_time; @120 d_fsdata.
 */
#include <linux/types.h>
#include <linux/list.h>

struct inode;
struct super_block;
struct dentry_operations;

#define DNAME_INLINE_LEN 32

struct qstr {
	union {
		struct {
			u32 hash;
			u32 len;
		};
		u64 hash_len;
	};
	const unsigned char *name;
};

#define QSTR_INIT(n, l) { { { .len = l } }, .name = n }

struct dentry {
	unsigned int d_flags;
	unsigned int d_seq;
	struct hlist_node d_hash;
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	unsigned char d_iname[DNAME_INLINE_LEN];
	unsigned long d_lockref;
	const struct dentry_operations *d_op;
	struct super_block *d_sb;
	unsigned long d_time;
	void *d_fsdata;
};

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

#endif /* __LINUX_DCACHE_H */
