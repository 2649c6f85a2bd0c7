/*
 * whoami.c - who is loading me? Credentials of the current task.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/cred.h>
#include <linux/uidgid.h>
#include <linux/sched.h>
#include <linux/capability.h>

static int __init whoami_init(void)
{
	const struct cred *cred = current_cred();
	kuid_t uid = current_uid();
	kuid_t euid = current_euid();
	kgid_t gid = current_gid();
	kuid_t nobody = make_kuid(&init_user_ns, 65534);

	pr_info("whoami: %s uid=%u euid=%u gid=%u\n", current->comm,
		from_kuid(&init_user_ns, uid), from_kuid(&init_user_ns, euid),
		from_kgid(&init_user_ns, gid));
	pr_info("whoami: root? %s, uid_eq(euid, GLOBAL_ROOT_UID)=%d\n",
		uid_eq(uid, GLOBAL_ROOT_UID) ? "yes" : "no", uid_eq(euid, GLOBAL_ROOT_UID));
	pr_info("whoami: gid_eq(gid, GLOBAL_ROOT_GID)=%d, nobody is %u, uid_gt(nobody, uid)=%d\n",
		gid_eq(gid, GLOBAL_ROOT_GID), __kuid_val(nobody), uid_gt(nobody, uid));
	pr_info("whoami: cred suid=%u fsuid=%u, CAP_SYS_ADMIN %d, CAP_NET_ADMIN %d\n",
		__kuid_val(cred->suid), __kuid_val(cred->fsuid),
		capable(CAP_SYS_ADMIN), capable(CAP_NET_ADMIN));
	return 0;
}

static void __exit whoami_exit(void)
{
	pr_info("whoami: unloaded by %s uid=%u\n", current->comm,
		from_kuid(&init_user_ns, current_uid()));
}

module_init(whoami_init);
module_exit(whoami_exit);
MODULE_LICENSE("GPL");
