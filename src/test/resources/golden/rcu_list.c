/* rcu_list.c: readers walk a list under RCU while the writer replaces an entry */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct item {
	int id;
	int value;
	struct list_head list;
	struct rcu_head rcu;
};

static LIST_HEAD(items);
static DEFINE_SPINLOCK(items_lock);

static int sum_values(void)
{
	struct item *it;
	int sum = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(it, &items, list)
		sum += it->value;
	rcu_read_unlock();
	return sum;
}

static int update(int id, int value)
{
	struct item *old, *new;

	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	spin_lock(&items_lock);
	list_for_each_entry(old, &items, list) {
		if (old->id == id) {
			*new = *old;
			new->value = value;
			list_replace_rcu(&old->list, &new->list);
			spin_unlock(&items_lock);
			synchronize_rcu();
			kfree(old);
			return 0;
		}
	}
	spin_unlock(&items_lock);
	kfree(new);
	return -ENOENT;
}

static int __init rcu_list_init(void)
{
	int i;

	for (i = 1; i <= 4; i++) {
		struct item *it = kzalloc(sizeof(*it), GFP_KERNEL);

		if (!it)
			return -ENOMEM;
		it->id = i;
		it->value = i * 10;
		spin_lock(&items_lock);
		list_add_tail_rcu(&it->list, &items);
		spin_unlock(&items_lock);
	}
	pr_info("rcu_list: sum %d\n", sum_values());
	pr_info("rcu_list: update 3: %d\n", update(3, 300));
	pr_info("rcu_list: update 9: %d\n", update(9, 900));
	pr_info("rcu_list: sum %d\n", sum_values());
	return 0;
}

static void __exit rcu_list_exit(void)
{
	struct item *it, *tmp;

	spin_lock(&items_lock);
	list_for_each_entry_safe(it, tmp, &items, list) {
		list_del_rcu(&it->list);
		kfree_rcu(it, rcu);
	}
	spin_unlock(&items_lock);
	rcu_barrier();
	pr_info("rcu_list: gone\n");
}

module_init(rcu_list_init);
module_exit(rcu_list_exit);
MODULE_LICENSE("GPL");
