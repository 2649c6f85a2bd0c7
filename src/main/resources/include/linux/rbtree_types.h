/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rbtree_types.h: the red-black tree's node and roots, as 6.1 lays them out.
 *
 * struct rb_node (24 bytes, long-aligned) @0 __rb_parent_color (the parent's
 * address with the colour in bit 0: 0 red, 1 black), @8 rb_right, @16 rb_left;
 * struct rb_root (8) @0 rb_node; struct rb_root_cached (16) @0 rb_root,
 * @8 rb_leftmost.
 */
#ifndef _LINUX_RBTREE_TYPES_H
#define _LINUX_RBTREE_TYPES_H

struct rb_node {
	unsigned long  __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT (struct rb_root) { NULL, }
#define RB_ROOT_CACHED (struct rb_root_cached) { {NULL, }, NULL }

#endif
