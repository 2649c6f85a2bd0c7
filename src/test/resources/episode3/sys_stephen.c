
SYSCALL_DEFINE1(stephen, char __user *, msg)
{
	char buf[256];
	long copied = strncpy_from_user(buf, msg, sizeof(buf));
	if (copied < 0 || copied == sizeof(buf))
		return -EFAULT;
	printk(KERN_INFO "stephen syscall called with \"%s\"\n", buf);
	return 0;
}
