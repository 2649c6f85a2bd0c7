package dev.kplay.kernel.fs;

/*
 * A directory under /proc made by proc_mkdir(): a Dir with the struct proc_dir_entry address the
 * module holds and the data proc_mkdir_data() attached.
 */

/** A module's /proc directory. */
public final class ProcDir extends Dir {
    private final String name;
    private final long pde;
    private final long data;

    public ProcDir(String name, int perm, long pde, long data) {
        super(perm);
        this.name = name;
        this.pde = pde;
        this.data = data;
    }

    public String name() { return name; }

    public long pde() { return pde; }

    public long data() { return data; }
}
