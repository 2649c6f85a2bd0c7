package dev.kplay.vm;

/*
 * How the bus tells the CPU that an access hit a page that is not present (or not allowed),
 * as the MMU raises #PF. It is an exception only inside the VM: the CPU catches it and ends
 * the run with a Fault exit the kernel turns into an oops; it never escapes to callers.
 */

/** A page fault raised by the bus (or by a native touching memory). */
public final class PageFault extends RuntimeException {
    /** Why the page was touched, as the #PF error code bits say. */
    public enum Access { READ, WRITE, FETCH }

    private final long address;
    private final Access access;

    public PageFault(long address, Access access) {
        super(null, null, false, false);
        this.address = address;
        this.access = access;
    }

    /** The faulting address (CR2). */
    public long address() { return address; }

    public Access access() { return access; }
}
