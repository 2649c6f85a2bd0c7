package dev.kplay.kernel.exports;

import dev.kplay.kernel.mm.AddressSpace;
import dev.kplay.kernel.mm.Layout;
import dev.kplay.vm.KernelStack;
import dev.kplay.vm.Natives;

import java.util.Collection;
import java.util.Arrays;
import java.util.Collections;

/*
 * The kernel's exported symbols (EXPORT_SYMBOL / __ksymtab) and kallsyms for kernel text: every
 * exported function is a Java builtin given a real address in kernel text, so a function pointer
 * to printk is an ordinary number that CALLI can jump through; every exported object (jiffies,
 * param_ops_int) is real memory in kernel data. This table is the Natives the CPU calls through.
 * Kernel functions that are not exported but appear in call traces (do_init_module...) get
 * addresses here too, so %pS and the oops can name them.
 *
 * Every kernel of the same image registers the same symbols at the same addresses during boot; only
 * the Java bodies differ (they belong to that kernel). So the symbols and their sorted views are
 * kept apart from the bodies, and share() (at the end of boot) swaps a table's arrays for one
 * shared copy of an identical layout: an idle session then pays for its bodies only. A table that
 * registers more later (a module's exports) copies the arrays back first. A boot that registers
 * the symbols of a known layout in its order follows it: each symbol is checked against the
 * layout's next one and only its body is stored, so the sorted views are not built again at every
 * boot; a symbol that differs ends the following (the views are then built from what matched).
 */

/** Exported symbols and kernel-text symbols. */
public final class ExportTable implements Natives {
    /** A builtin: the Java body of a kernel function. */
    @FunctionalInterface
    public interface Builtin {
        long call(long[] args, KernelStack stack);
    }

    /** One kernel symbol: a function (builtin non-null, or a trace-only name) or an object. */
    public record Export(String name, long address, int size, boolean function, boolean exported, Builtin builtin) {}

    /** A symbol without its body: what tables of the same layout share. index: its place in registration order. */
    private record Sym(String name, long address, int size, boolean function, boolean exported, int index) {}

    /** Layouts shared by the tables that match them (a few: the stock kernel, a kernel built from ~/linux). */
    private static final java.util.List<Shared> LAYOUTS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final int MAX_LAYOUTS = 4;

    /** The symbol arrays of a finished table, never written again. */
    private record Shared(Sym[] inOrder, Sym[] byName, Sym[] byAddress, long[] addresses, int count) {}

    private final AddressSpace memory;
    // Three sorted views of the same few hundred symbols, as plain arrays: every session boots its
    // own table, and maps of boxed keys cost several times the symbols themselves.
    /** Symbols in registration order ({@code count} used). */
    private Sym[] inOrder = new Sym[64];
    /** Symbols by name. */
    private Sym[] byName = new Sym[64];
    /** Symbols by address (unsigned), with their addresses alongside for the search. */
    private Sym[] byAddress = new Sym[64];
    private long[] addresses = new long[64];
    /** The body of each symbol, by registration order (this kernel's own). */
    private Builtin[] bodies = new Builtin[64];
    private int count;
    /** Whether the four arrays above are a shared layout's (copied before any change). */
    private boolean shared;
    /**
     * The layout this table's first {@code count} symbols match, one for one in registration
     * order, while it boots; the four arrays above are not kept meanwhile (lookups use the
     * layout's views, limited to the symbols registered so far). Null otherwise.
     */
    private Shared follow;
    /** Functions registered so far (the guess of where the next one goes in byAddress). */
    private int functions;
    private long nextText = Layout.KERNEL_TEXT + 0x100000;
    /**
     * The end of the kernel-text pages mapped so far (page-aligned): functions are laid out upwards
     * and dozens share a page, so each maps only the pages past this (the same pages as mapping
     * its whole range, whose earlier pages are present already).
     */
    private long textMapped = nextText;
    private long nextData = Layout.KERNEL_DATA;
    /**
     * The frame every kernel-text page of every kernel maps (kplay's kernel text has no bytes of its
     * own): one byte longer than a page, so AddressSpace treats it as read-only and a store there
     * gets that page a private copy (copy-on-write, as the zero page).
     */
    private static final byte[] TEXT_FRAME = new byte[(int) Layout.PAGE_SIZE + 1];

    public ExportTable(AddressSpace memory) {
        this.memory = memory;
    }

    /** Registers an exported function with a plausible code size. */
    public long function(String name, int size, Builtin body) {
        return addFunction(name, size, true, body);
    }

    /** Registers a kernel function with a body that modules cannot link against (reached through a pointer, as pv_ops' are). */
    public long kernelFunction(String name, int size, Builtin body) {
        return addFunction(name, size, false, body);
    }

    /** Registers a kernel function that is not exported (call traces, %pS). */
    public long internal(String name, int size) {
        return addFunction(name, size, false, null);
    }

    private long addFunction(String name, int size, boolean exported, Builtin body) {
        long addr = nextText;
        nextText += (size + 0x3f) & ~0x3fL;
        long end = addr + size;
        long from = Long.compareUnsigned(addr & Layout.PAGE_MASK, textMapped) > 0 ? addr & Layout.PAGE_MASK : textMapped;
        if (Long.compareUnsigned(from, end) < 0) {
            memory.mapShared(from, end - from, TEXT_FRAME);
            textMapped = (end + Layout.PAGE_SIZE - 1) & Layout.PAGE_MASK;
        }
        add(name, addr, size, true, exported, body);
        return addr;
    }

    /** Registers an exported object of size bytes (zeroed, mapped); returns its address. */
    public long object(String name, int size) {
        long addr = (nextData + 15) & ~15L;
        nextData = addr + Math.max(size, 8);
        memory.map(addr, Math.max(size, 8));
        add(name, addr, size, false, true, null);
        return addr;
    }

    /** Registers a kernel object that is not exported (a static in vmlinux, such as debugfs's fops_u8); its address. */
    public long internalObject(String name, int size) {
        long addr = (nextData + 15) & ~15L;
        nextData = addr + Math.max(size, 8);
        memory.map(addr, Math.max(size, 8));
        add(name, addr, size, false, false, null);
        return addr;
    }

    private void add(String name, long address, int size, boolean function, boolean exported, Builtin body) {
        if (count == 0 && !shared && follow == null) {
            follow = layoutStartingWith(name, address, size, function, exported);
        }
        if (follow != null) {
            Shared along = count < follow.count() && same(follow.inOrder()[count], name, address, size, function, exported)
                    ? follow : layoutAlong(name, address, size, function, exported);
            if (along != null) {
                follow = along;
                if (count >= bodies.length) {
                    bodies = Arrays.copyOf(bodies, Math.max(count * 2, 64));
                }
                bodies[count] = body;
                if (function) {
                    functions++;
                }
                count++;
                return;
            }
            unfollow();
        }
        int n = nameIndex(name);
        if (n >= 0) {
            throw new IllegalStateException("duplicate export " + name);
        }
        if (shared || count == inOrder.length) {
            int cap = Math.max(count * 2, 64);
            inOrder = Arrays.copyOf(inOrder, cap);
            byName = Arrays.copyOf(byName, cap);
            byAddress = Arrays.copyOf(byAddress, cap);
            addresses = Arrays.copyOf(addresses, cap);
            shared = false;
        }
        if (count >= bodies.length) {
            bodies = Arrays.copyOf(bodies, Math.max(count * 2, 64));
        }
        Sym e = new Sym(name, address, size, function, exported, count);
        inOrder[count] = e;
        bodies[count] = body;
        n = -n - 1;
        System.arraycopy(byName, n, byName, n + 1, count - n);
        byName[n] = e;
        int a = guess(e);
        if (a < 0) {
            a = -addressIndex(e.address()) - 1;
            if (a < 0) {
                a = -a - 1;
            }
        }
        if (e.function()) {
            functions++;
        }
        System.arraycopy(byAddress, a, byAddress, a + 1, count - a);
        System.arraycopy(addresses, a, addresses, a + 1, count - a);
        byAddress[a] = e;
        addresses[a] = e.address();
        count++;
    }

    /**
     * The end of boot: this table's symbols go over to the shared copy of an identical layout (made
     * from this table if there is none yet), and its body array is trimmed to fit.
     */
    public void share() {
        if (shared) {
            return;
        }
        bodies = Arrays.copyOf(bodies, count);
        if (follow != null) {
            if (count == follow.count()) {
                adopt(follow);
                follow = null;
                return;
            }
            unfollow();
        }
        for (Shared l : LAYOUTS) {
            if (sameAs(l)) {
                adopt(l);
                return;
            }
        }
        Shared l = new Shared(Arrays.copyOf(inOrder, count), Arrays.copyOf(byName, count), Arrays.copyOf(byAddress, count),
                Arrays.copyOf(addresses, count), count);
        if (LAYOUTS.size() >= MAX_LAYOUTS) {
            LAYOUTS.remove(0);
        }
        LAYOUTS.add(l);
        adopt(l);
    }

    private static boolean same(Sym s, String name, long address, int size, boolean function, boolean exported) {
        return s.address() == address && s.size() == size && s.function() == function && s.exported() == exported
                && s.name().equals(name);
    }

    /** A shared layout whose first symbol is this one, or null. */
    private static Shared layoutStartingWith(String name, long address, int size, boolean function, boolean exported) {
        for (Shared l : LAYOUTS) {
            if (l.count() > 0 && same(l.inOrder()[0], name, address, size, function, exported)) {
                return l;
            }
        }
        return null;
    }

    /** Another shared layout whose first symbols are those followed so far and whose next is this one, or null. */
    private Shared layoutAlong(String name, long address, int size, boolean function, boolean exported) {
        for (Shared l : LAYOUTS) {
            if (l != follow && l.count() > count && same(l.inOrder()[count], name, address, size, function, exported)
                    && samePrefix(l, follow, count)) {
                return l;
            }
        }
        return null;
    }

    private static boolean samePrefix(Shared a, Shared b, int n) {
        for (int i = 0; i < n; i++) {
            Sym s = b.inOrder()[i];
            if (a.inOrder()[i] != s && !same(a.inOrder()[i], s.name(), s.address(), s.size(), s.function(), s.exported())) {
                return false;
            }
        }
        return true;
    }

    /** Stops following: this table's own arrays, built from the {@code count} symbols that matched the layout. */
    private void unfollow() {
        Shared l = follow;
        follow = null;
        int cap = Math.max(count * 2, 64);
        inOrder = new Sym[cap];
        System.arraycopy(l.inOrder(), 0, inOrder, 0, count);
        Sym[] sorted = Arrays.copyOf(inOrder, count);
        Arrays.sort(sorted, (a, b) -> a.name().compareTo(b.name()));
        byName = Arrays.copyOf(sorted, cap);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a.address(), b.address()));
        byAddress = Arrays.copyOf(sorted, cap);
        addresses = new long[cap];
        for (int i = 0; i < count; i++) {
            addresses[i] = sorted[i].address();
        }
        shared = false;
    }

    private boolean sameAs(Shared l) {
        if (l.count() != count) {
            return false;
        }
        // the sorted views follow from the symbols (names and addresses are unique), so these suffice
        for (int i = 0; i < count; i++) {
            Sym a = l.inOrder()[i];
            Sym b = inOrder[i];
            if (a.address() != b.address() || a.size() != b.size() || a.function() != b.function()
                    || a.exported() != b.exported() || !a.name().equals(b.name())) {
                return false;
            }
        }
        return true;
    }

    private void adopt(Shared l) {
        inOrder = l.inOrder();
        byName = l.byName();
        byAddress = l.byAddress();
        addresses = l.addresses();
        shared = true;
    }

    /** The public view of a symbol, with this kernel's body. */
    private Export export(Sym s) {
        return s == null ? null : new Export(s.name(), s.address(), s.size(), s.function(), s.exported(), bodies[s.index()]);
    }

    /**
     * Where e goes in byAddress without a search, or -1: text and data are each handed out upwards
     * and text lies below data, so a function usually goes right after the functions so far and an
     * object at the end. The neighbours are checked, so a wrong guess only costs the search.
     */
    private int guess(Sym e) {
        int a = e.function() ? Math.min(functions, count) : count;
        boolean afterPrev = a == 0 || Long.compareUnsigned(addresses[a - 1], e.address()) < 0;
        boolean beforeNext = a == count || Long.compareUnsigned(e.address(), addresses[a]) < 0;
        return afterPrev && beforeNext ? a : -1;
    }

    /** Index of name in byName, or -(insertion point) - 1. */
    private int nameIndex(String name) {
        return nameSearch(byName, count, name);
    }

    /** Index of name in the first n of byName, or -(insertion point) - 1. */
    private static int nameSearch(Sym[] byName, int n, String name) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = byName[mid].name().compareTo(name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** Index of addr in addresses (unsigned order), or -(insertion point) - 1. */
    private int addressIndex(long addr) {
        return unsignedSearch(addresses, count, addr);
    }

    /** Index of addr in the first n of addresses (unsigned order), or -(insertion point) - 1. */
    private static int unsignedSearch(long[] addresses, int n, long addr) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(addresses[mid], addr);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private Sym named(String name) {
        if (follow != null) {
            int i = nameSearch(follow.byName(), follow.count(), name);
            return i >= 0 && follow.byName()[i].index() < count ? follow.byName()[i] : null;
        }
        int i = nameIndex(name);
        return i < 0 ? null : byName[i];
    }

    private Sym at(long addr) {
        if (follow != null) {
            int i = unsignedSearch(follow.addresses(), follow.count(), addr);
            Sym s = i < 0 ? null : follow.byAddress()[i];
            return s != null && s.index() < count ? s : null;
        }
        int i = addressIndex(addr);
        return i < 0 ? null : byAddress[i];
    }

    /** Models find_symbol(): an exported symbol's address, or 0. */
    public long lookup(String name) {
        Sym e = named(name);
        return e == null || !e.exported() ? 0 : e.address();
    }

    /** The address of any kernel symbol (exported or not), or 0. */
    public long address(String name) {
        Sym e = named(name);
        return e == null ? 0 : e.address();
    }

    public Export byName(String name) {
        return export(named(name));
    }

    /** Every symbol, in the order it was registered. */
    public Collection<Export> all() {
        java.util.List<Export> out = new java.util.ArrayList<>(count);
        Sym[] order = follow != null ? follow.inOrder() : inOrder;
        for (int i = 0; i < count; i++) {
            out.add(export(order[i]));
        }
        return Collections.unmodifiableList(out);
    }

    /** The kernel symbol containing addr, or null. */
    public Export containing(long addr) {
        Sym x = symContaining(addr);
        return x == null ? null : export(x);
    }

    private Sym symContaining(long addr) {
        Sym[] view = follow != null ? follow.byAddress() : byAddress;
        int i = follow != null ? unsignedSearch(follow.addresses(), follow.count(), addr) : addressIndex(addr);
        if (i < 0) {
            i = -i - 2;
        }
        // while following, only the symbols registered so far count
        while (follow != null && i >= 0 && view[i].index() >= count) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        Sym x = view[i];
        return Long.compareUnsigned(addr, x.address() + Math.max(1, x.size())) < 0 ? x : null;
    }

    @Override
    public boolean isNative(long addr) {
        if (Long.compareUnsigned(addr - Layout.KERNEL_TEXT, nextText - Layout.KERNEL_TEXT) >= 0) {
            return false;
        }
        Sym e = at(addr);
        return e != null && bodies[e.index()] != null;
    }

    @Override
    public long call(long addr, long[] args, KernelStack stack) {
        return bodies[at(addr).index()].call(args, stack);
    }

    @Override
    public String nameOf(long addr) {
        Sym e = symContaining(addr);
        return e == null ? null : e.name();
    }
}
