package dev.kplay.ko;

/**
 * A section of a module image: ".text", ".init.text", ".exit.text", ".data", ".rodata", ".bss",
 * ".init.data", ".init.rodata", ".exit.data", ".modinfo", "__param", ".gnu.linkonce.this_module"...
 *
 * <p>{@code bytes} holds the initial contents for data sections (null for .bss and for text,
 * whose contents are the functions placed in it). {@code size} is the section size in bytes,
 * {@code align} its alignment.
 */
public record Section(String name, int size, int align, byte[] bytes) {
    public boolean isInit() { return name.startsWith(".init"); }
    public boolean isExit() { return name.startsWith(".exit"); }
    public boolean isText() { return name.endsWith("text"); }
}
