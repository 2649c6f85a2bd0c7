package dev.kplay.kernel.fs;

/*
 * A /proc file made by a module (struct proc_dir_entry of fs/proc/internal.h): proc_create's
 * proc_ops, or proc_create_single's show function, or proc_create_seq's seq_operations, plus the
 * data pde_data() hands back and the size proc_set_size() sets. The VFS calls the module's
 * functions on the calling task; the struct proc_dir_entry itself is kernel memory at pde.
 */

/** A module's /proc file. */
public final class ProcEntry extends Inode {
    /** How the entry was made, which decides what proc_reg_open and proc_reg_read call. */
    public enum Kind { PROC_OPS, SINGLE, SEQ }

    private final String name;
    private final Kind kind;
    private final long ops;
    private final long pde;
    private final String owner;
    private final long data;
    private long size;
    /** remove_proc_entry() ran: use_pde() fails from now on, so reads and writes get EIO. */
    private boolean removed;

    /**
     * @param ops   the module's struct proc_ops (PROC_OPS), show function (SINGLE) or struct seq_operations (SEQ)
     * @param pde   the address of the struct proc_dir_entry handed back to the module
     * @param owner the module that created it (or null)
     * @param data  what pde_data() returns
     */
    public ProcEntry(String name, int perm, Kind kind, long ops, long pde, String owner, long data) {
        super(S_IFREG | perm);
        this.name = name;
        this.kind = kind;
        this.ops = ops;
        this.pde = pde;
        this.owner = owner;
        this.data = data;
    }

    public String name() { return name; }

    public boolean removed() { return removed; }

    /** Models proc_entry_rundown()'s mark (pde->in_use = BIAS). */
    public void markRemoved() { removed = true; }

    public Kind kind() { return kind; }

    /** The struct proc_ops of a PROC_OPS entry, else 0. */
    public long procOps() { return kind == Kind.PROC_OPS ? ops : 0; }

    /** The show function (SINGLE) or struct seq_operations (SEQ). */
    public long ops() { return ops; }

    public long pde() { return pde; }

    public String owner() { return owner; }

    public long data() { return data; }

    @Override
    public long size() { return size; }

    /** Models proc_set_size(). */
    public void setSize(long size) { this.size = size; }
}
