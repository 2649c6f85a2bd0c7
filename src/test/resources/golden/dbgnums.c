/*
 * dbgnums.c - numbers a driver shows in debugfs: every width, hex, bool, a size and a blob
 */
#include <linux/debugfs.h>
#include <linux/module.h>

static struct dentry *dir;
static u8 small = 200;
static u16 medium = 60000;
static u32 flags = 0xdeadbeef;
static u64 big = 1ULL << 40;
static bool enabled = true;
static size_t queued = 4096;
static atomic_t hits = ATOMIC_INIT(3);
static char banner[] = "dbgnums v1\n";
static struct debugfs_blob_wrapper blob = { .data = banner, .size = sizeof(banner) - 1 };

static int __init dbgnums_init(void)
{
    dir = debugfs_create_dir("dbgnums", NULL);
    debugfs_create_u8("small", 0644, dir, &small);
    debugfs_create_u16("medium", 0644, dir, &medium);
    debugfs_create_x32("flags", 0644, dir, &flags);
    debugfs_create_u64("big", 0444, dir, &big);
    debugfs_create_bool("enabled", 0644, dir, &enabled);
    debugfs_create_size_t("queued", 0444, dir, &queued);
    debugfs_create_atomic_t("hits", 0644, dir, &hits);
    debugfs_create_blob("banner", 0444, dir, &blob);
    pr_info("dbgnums: ready\n");
    return 0;
}

static void __exit dbgnums_exit(void)
{
    pr_info("dbgnums: small=%u medium=%u flags=%#x enabled=%d hits=%d\n", small, medium, flags, enabled,
            atomic_read(&hits));
    debugfs_remove_recursive(dir);
}

module_init(dbgnums_init);
module_exit(dbgnums_exit);
MODULE_LICENSE("GPL");
