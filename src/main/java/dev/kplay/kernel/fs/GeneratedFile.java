package dev.kplay.kernel.fs;

import java.util.function.Function;
import java.util.function.Supplier;

/*
 * A procfs/sysfs file whose text the kernel generates when it is opened (seq_file / sysfs show)
 * and whose writes, if allowed, go to a store handler (sysfs store, proc write). st_size is 0 for
 * proc files and 4096 for sysfs attributes, as ls -l shows them.
 */

/** A generated file: show() text, optional store(). */
public final class GeneratedFile extends Inode {
    private final Supplier<String> show;
    /** Returns 0 or a negative errno; null means writes fail with -EIO (no handler). */
    private final Function<String, Long> store;
    private final long size;

    public GeneratedFile(int perm, long size, Supplier<String> show, Function<String, Long> store) {
        super(S_IFREG | perm);
        this.show = show;
        this.store = store;
        this.size = size;
    }

    @Override
    public long size() { return size; }

    public String show() { return show.get(); }

    public boolean writable() { return store != null; }

    /** Stores written text; 0 or -errno. */
    public long store(String text) {
        return store == null ? -5 : store.apply(text);
    }
}
