/*
 * hashtbl.c - the kernel's generic hash table (linux/hashtable.h): a table of
 * students keyed by id, looked up, walked and emptied.
 */
#include <linux/hashtable.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>

struct student {
	int id;
	char name[16];
	struct hlist_node node;
};

static DEFINE_HASHTABLE(students, 3);

static const char *const names[] = { "ada", "linus", "grace", "ken", "dennis" };

static int __init hashtbl_init(void)
{
	struct student *s;
	int i, bkt;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		s = kmalloc(sizeof(*s), GFP_KERNEL);
		if (!s)
			return -ENOMEM;
		s->id = 100 + i * 7;
		strscpy(s->name, names[i], sizeof(s->name));
		hash_add(students, &s->node, s->id);
	}
	pr_info("hashtbl: empty=%d\n", hash_empty(students));

	hash_for_each_possible(students, s, node, 114) {
		if (s->id == 114)
			pr_info("hashtbl: found id 114: %s\n", s->name);
	}

	i = 0;
	hash_for_each(students, bkt, s, node) {
		pr_info("hashtbl: bucket %d: %d %s\n", bkt, s->id, s->name);
		i++;
	}
	pr_info("hashtbl: %d entries, %d buckets\n", i, (int)HASH_SIZE(students));
	return 0;
}

static void __exit hashtbl_exit(void)
{
	struct student *s;
	struct hlist_node *tmp;
	int bkt, n = 0;

	hash_for_each_safe(students, bkt, tmp, s, node) {
		hash_del(&s->node);
		kfree(s);
		n++;
	}
	pr_info("hashtbl: freed %d, empty=%d\n", n, hash_empty(students));
}

module_init(hashtbl_init);
module_exit(hashtbl_exit);
MODULE_LICENSE("GPL");
