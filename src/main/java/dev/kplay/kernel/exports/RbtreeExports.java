package dev.kplay.kernel.exports;

import dev.kplay.kernel.Kernel;
import dev.kplay.kernel.mm.AddressSpace;

/*
 * lib/rbtree.c: rebalancing after an insert, erasing, and the walks, on the module's own nodes in
 * its memory (struct rb_node: @0 __rb_parent_color, the parent with the colour in bit 0, 0 red and
 * 1 black; @8 rb_right; @16 rb_left; struct rb_root: @0 rb_node). The steps are 6.1's, case by case
 * (__rb_insert, __rb_erase_augmented with no augmentation, ____rb_erase_color), so the same inserts
 * and erases leave the same shape as on Linux, and a bad node pointer faults on the same access.
 */

/** rb_* exports. */
final class RbtreeExports {
    private static final long RED = 0, BLACK = 1;
    private static final int RIGHT = 8, LEFT = 16;

    private final ExportTable t;
    private final AddressSpace mem;

    RbtreeExports(Kernel k) {
        this.t = k.exports();
        this.mem = k.memory();
    }

    void register() {
        t.function("rb_insert_color", 0x150, (a, s) -> {
            insert(a[0], a[1]);
            return 0;
        });
        t.function("rb_erase", 0x3a0, (a, s) -> {
            long rebalance = erase(a[0], a[1]);
            if (rebalance != 0) {
                eraseColor(rebalance, a[1]);
            }
            return 0;
        });
        t.function("rb_first", 0x30, (a, s) -> edge(mem.load(a[0], 8), LEFT));
        t.function("rb_last", 0x30, (a, s) -> edge(mem.load(a[0], 8), RIGHT));
        t.function("rb_next", 0x60, (a, s) -> step(a[0], RIGHT, LEFT));
        t.function("rb_prev", 0x60, (a, s) -> step(a[0], LEFT, RIGHT));
        t.function("rb_first_postorder", 0x40, (a, s) -> {
            long n = mem.load(a[0], 8);
            return n == 0 ? 0 : leftDeepest(n);
        });
        t.function("rb_next_postorder", 0x50, (a, s) -> {
            if (a[0] == 0) {
                return 0;
            }
            long parent = parent(a[0]);
            if (parent != 0 && a[0] == left(parent) && right(parent) != 0) {
                return leftDeepest(right(parent));
            }
            return parent;
        });
        t.function("rb_replace_node", 0x60, (a, s) -> {
            long victim = a[0], node = a[1];
            long parent = parent(victim);
            for (int off = 0; off < 24; off += 8) {
                mem.store(node + off, 8, mem.load(victim + off, 8));
            }
            if (left(victim) != 0) {
                setParent(left(victim), node);
            }
            if (right(victim) != 0) {
                setParent(right(victim), node);
            }
            changeChild(victim, node, parent, a[2]);
            return 0;
        });
    }

    private long pc(long n) { return mem.load(n, 8); }

    private long parent(long n) { return pc(n) & ~3L; }

    private long left(long n) { return mem.load(n + LEFT, 8); }

    private long right(long n) { return mem.load(n + RIGHT, 8); }

    private boolean isBlack(long n) { return (pc(n) & 1) != 0; }

    private void setParentColor(long n, long parent, long color) { mem.store(n, 8, parent | color); }

    private void setParent(long n, long parent) { mem.store(n, 8, (pc(n) & 1) | parent); }

    private void setLeft(long n, long child) { mem.store(n + LEFT, 8, child); }

    private void setRight(long n, long child) { mem.store(n + RIGHT, 8, child); }

    /** __rb_change_child: parent's link (or the root's) to old now leads to node. */
    private void changeChild(long old, long node, long parent, long root) {
        if (parent != 0) {
            if (left(parent) == old) {
                setLeft(parent, node);
            } else {
                setRight(parent, node);
            }
        } else {
            mem.store(root, 8, node);
        }
    }

    /** __rb_rotate_set_parents: node takes old's place (and colour), old goes under it with color. */
    private void rotateSetParents(long old, long node, long root, long color) {
        long parent = parent(old);
        mem.store(node, 8, pc(old));
        setParentColor(old, node, color);
        changeChild(old, node, parent, root);
    }

    /** __rb_insert: node is linked in red; restore the red-black rules up the tree. */
    private void insert(long node, long root) {
        long parent = pc(node);   // a red node's parent_color is its parent
        while (true) {
            if (parent == 0) {
                setParentColor(node, 0, BLACK);
                return;
            }
            if (isBlack(parent)) {
                return;
            }
            long gparent = pc(parent);
            boolean parentIsLeft = parent != right(gparent);
            int near = parentIsLeft ? LEFT : RIGHT, far = parentIsLeft ? RIGHT : LEFT;
            long uncle = mem.load(gparent + far, 8);
            if (uncle != 0 && !isBlack(uncle)) {
                // case 1: colour flips, go on at the grandparent
                setParentColor(uncle, gparent, BLACK);
                setParentColor(parent, gparent, BLACK);
                node = gparent;
                parent = parent(node);
                setParentColor(node, parent, RED);
                continue;
            }
            long tmp = mem.load(parent + far, 8);
            if (node == tmp) {
                // case 2: rotate at the parent, away from the uncle's side
                tmp = mem.load(node + near, 8);
                mem.store(parent + far, 8, tmp);
                mem.store(node + near, 8, parent);
                if (tmp != 0) {
                    setParentColor(tmp, parent, BLACK);
                }
                setParentColor(parent, node, RED);
                parent = node;
                tmp = mem.load(node + far, 8);
            }
            // case 3: rotate at the grandparent
            mem.store(gparent + near, 8, tmp);
            mem.store(parent + far, 8, gparent);
            if (tmp != 0) {
                setParentColor(tmp, gparent, BLACK);
            }
            rotateSetParents(gparent, parent, root, RED);
            return;
        }
    }

    /** __rb_erase_augmented without augmentation: unlinks node; returns where to rebalance, or 0. */
    private long erase(long node, long root) {
        long child = right(node);
        long tmp = left(node);
        long parent;
        long rebalance;
        if (tmp == 0) {
            long pc = pc(node);
            parent = pc & ~3L;
            changeChild(node, child, parent, root);
            if (child != 0) {
                mem.store(child, 8, pc);
                rebalance = 0;
            } else {
                rebalance = (pc & 1) != 0 ? parent : 0;
            }
        } else if (child == 0) {
            long pc = pc(node);
            mem.store(tmp, 8, pc);
            parent = pc & ~3L;
            changeChild(node, tmp, parent, root);
            rebalance = 0;
        } else {
            long successor = child;
            long child2;
            tmp = left(child);
            if (tmp == 0) {
                parent = successor;
                child2 = right(successor);
            } else {
                do {
                    parent = successor;
                    successor = tmp;
                    tmp = left(tmp);
                } while (tmp != 0);
                child2 = right(successor);
                setLeft(parent, child2);
                setRight(successor, child);
                setParent(child, successor);
            }
            tmp = left(node);
            setLeft(successor, tmp);
            setParent(tmp, successor);
            long pc = pc(node);
            changeChild(node, successor, pc & ~3L, root);
            if (child2 != 0) {
                setParentColor(child2, parent, BLACK);
                rebalance = 0;
            } else {
                rebalance = isBlack(successor) ? parent : 0;
            }
            mem.store(successor, 8, pc);
        }
        return rebalance;
    }

    /** ____rb_erase_color: a black node left parent's subtree on one side; restore the black heights. */
    private void eraseColor(long parent, long root) {
        long node = 0;
        while (true) {
            long sibling = right(parent);
            boolean nodeIsLeft = node != sibling;
            int near = nodeIsLeft ? LEFT : RIGHT, far = nodeIsLeft ? RIGHT : LEFT;
            if (!nodeIsLeft) {
                sibling = left(parent);
            }
            if (!isBlack(sibling)) {
                // case 1: rotate at the parent, so the sibling is black
                long tmp1 = mem.load(sibling + near, 8);
                mem.store(parent + far, 8, tmp1);
                mem.store(sibling + near, 8, parent);
                setParentColor(tmp1, parent, BLACK);
                rotateSetParents(parent, sibling, root, RED);
                sibling = tmp1;
            }
            long tmp1 = mem.load(sibling + far, 8);
            if (tmp1 == 0 || isBlack(tmp1)) {
                long tmp2 = mem.load(sibling + near, 8);
                if (tmp2 == 0 || isBlack(tmp2)) {
                    // case 2: the sibling turns red; the parent turns black or the walk goes up
                    setParentColor(sibling, parent, RED);
                    if (!isBlack(parent)) {
                        mem.store(parent, 8, pc(parent) | BLACK);
                    } else {
                        node = parent;
                        parent = parent(node);
                        if (parent != 0) {
                            continue;
                        }
                    }
                    return;
                }
                // case 3: rotate at the sibling
                tmp1 = mem.load(tmp2 + far, 8);
                mem.store(sibling + near, 8, tmp1);
                mem.store(tmp2 + far, 8, sibling);
                mem.store(parent + far, 8, tmp2);
                if (tmp1 != 0) {
                    setParentColor(tmp1, sibling, BLACK);
                }
                tmp1 = sibling;
                sibling = tmp2;
            }
            // case 4: rotate at the parent, with colour flips
            long tmp2 = mem.load(sibling + near, 8);
            mem.store(parent + far, 8, tmp2);
            mem.store(sibling + near, 8, parent);
            setParentColor(tmp1, sibling, BLACK);
            if (tmp2 != 0) {
                setParent(tmp2, parent);
            }
            rotateSetParents(parent, sibling, root, BLACK);
            return;
        }
    }

    /** rb_first (side LEFT) and rb_last (RIGHT) from the root node n. */
    private long edge(long n, int side) {
        if (n == 0) {
            return 0;
        }
        for (long c; (c = mem.load(n + side, 8)) != 0; ) {
            n = c;
        }
        return n;
    }

    /** rb_next (down RIGHT, then LEFT) and rb_prev (the mirror). */
    private long step(long node, int down, int across) {
        if (pc(node) == node) {
            return 0;   // RB_EMPTY_NODE
        }
        long d = mem.load(node + down, 8);
        if (d != 0) {
            return edge(d, across);
        }
        long parent;
        while ((parent = parent(node)) != 0 && node == mem.load(parent + down, 8)) {
            node = parent;
        }
        return parent;
    }

    /** rb_left_deepest_node: down the left, else the right, to a leaf. */
    private long leftDeepest(long n) {
        while (true) {
            if (left(n) != 0) {
                n = left(n);
            } else if (right(n) != 0) {
                n = right(n);
            } else {
                return n;
            }
        }
    }
}
