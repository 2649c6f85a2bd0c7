package dev.kplay.kernel.fs;

/*
 * A /proc entry made by proc_create(): struct proc_dir_entry with the module's proc_ops. Reads and
 * writes run the module's proc_read/proc_write on the calling task, so the VFS only records where
 * those functions are; the kernel's syscall layer calls them.
 */

/** A proc_create() entry. */
public final class ProcEntry extends Inode {
    private final String name;
    private final long procOps;
    private final long pde;
    private final String owner;

    /**
     * @param procOps the address of the module's struct proc_ops
     * @param pde     the address of the struct proc_dir_entry handed back to the module
     * @param owner   the module that created it (or null)
     */
    public ProcEntry(String name, int perm, long procOps, long pde, String owner) {
        super(S_IFREG | perm);
        this.name = name;
        this.procOps = procOps;
        this.pde = pde;
        this.owner = owner;
    }

    public String name() { return name; }

    public long procOps() { return procOps; }

    public long pde() { return pde; }

    public String owner() { return owner; }
}
