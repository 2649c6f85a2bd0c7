package dev.kplay.ko;

/**
 * An ELF-style symbol of a module image. A defined symbol has a section and an offset in it;
 * an undefined one ({@code section == null}) names something the kernel (or another module)
 * must export, resolved by the loader ("Unknown symbol x (err -2)" if not).
 * {@code kind} is FUNC or OBJECT; {@code global} is false for {@code static} names.
 */
public record Symbol(String name, String section, long offset, int size, Kind kind, boolean global) {
    public enum Kind { FUNC, OBJECT, NOTYPE }

    public boolean defined() { return section != null; }
}
