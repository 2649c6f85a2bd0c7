/*
 * idr_demo.c - handing out ids: an IDA for bare numbers and an IDR mapping
 * ids to objects (linux/idr.h).
 */
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>

static DEFINE_IDA(minors);
static DEFINE_IDR(sessions);

struct session {
	char user[16];
};

static int __init idr_demo_init(void)
{
	static const char *const users[] = { "alice", "bob", "carol" };
	struct session *s;
	int a, b, c, id, i;

	a = ida_alloc(&minors, GFP_KERNEL);
	b = ida_alloc(&minors, GFP_KERNEL);
	c = ida_alloc_range(&minors, 10, 20, GFP_KERNEL);
	pr_info("idr_demo: ida gave %d %d %d\n", a, b, c);
	ida_free(&minors, a);
	a = ida_alloc(&minors, GFP_KERNEL);
	pr_info("idr_demo: after free, ida gave %d again\n", a);

	for (i = 0; i < ARRAY_SIZE(users); i++) {
		s = kzalloc(sizeof(*s), GFP_KERNEL);
		if (!s)
			return -ENOMEM;
		strscpy(s->user, users[i], sizeof(s->user));
		id = idr_alloc(&sessions, s, 1, 0, GFP_KERNEL);
		pr_info("idr_demo: %s has id %d\n", s->user, id);
	}
	s = idr_find(&sessions, 2);
	pr_info("idr_demo: id 2 is %s\n", s ? s->user : "(none)");
	s = idr_remove(&sessions, 2);
	kfree(s);
	pr_info("idr_demo: id 2 now %s\n", idr_find(&sessions, 2) ? "taken" : "free");
	return 0;
}

static void __exit idr_demo_exit(void)
{
	struct session *s;
	int id;

	idr_for_each_entry(&sessions, s, id) {
		pr_info("idr_demo: freeing %d (%s)\n", id, s->user);
		kfree(s);
	}
	idr_destroy(&sessions);
	ida_destroy(&minors);
	pr_info("idr_demo: idr empty=%d\n", idr_is_empty(&sessions));
}

module_init(idr_demo_init);
module_exit(idr_demo_exit);
MODULE_LICENSE("GPL");
