package dev.kplay.ko;

import java.util.List;
import java.util.Map;

/**
 * A built kernel module: what {@code X.ko} holds. The only thing the toolchain and the kernel
 * share, as ELF is in real life.
 *
 * <ul>
 *   <li>{@code name}: the module name (file name with '-' turned into '_'), as in .gnu.linkonce.this_module;</li>
 *   <li>{@code sections}, {@code symbols}, {@code relocations}, {@code functions}: the object code;
 *       {@link dev.kplay.vm.Insn}s refer to symbols by their index in {@code symbols};</li>
 *   <li>{@code modinfo}: the .modinfo tags in source order (license, author, description, version,
 *       parm, parmtype, srcversion, depends, retpoline, name, vermagic), keys may repeat;</li>
 *   <li>{@code initFunction}/{@code exitFunction}: the symbol names module_init/module_exit named
 *       (the kernel calls them through init_module/cleanup_module aliases), or null;</li>
 *   <li>module parameters are not listed here: as in Linux, module_param() puts a {@code struct kernel_param}
 *       in the {@code __param} section and the loader reads them from there.</li>
 * </ul>
 */
public record ModuleImage(String name, String fileName, List<Section> sections, List<Symbol> symbols,
                          List<Relocation> relocations, List<Function> functions,
                          List<Map.Entry<String, String>> modinfo, String initFunction, String exitFunction) {

    /** The "key=value" strings of the ".modinfo" sections, in section order (get_next_modinfo()'s walk). */
    public static List<Map.Entry<String, String>> modinfoTags(List<Section> sections) {
        List<Map.Entry<String, String>> tags = new java.util.ArrayList<>();
        for (Section s : sections) {
            if (!s.name().equals(".modinfo") || s.bytes() == null) continue;
            byte[] b = s.bytes();
            int start = 0;
            for (int i = 0; i <= b.length; i++) {
                if (i == b.length || b[i] == 0) {
                    if (i > start) {
                        String t = new String(b, start, i - start, java.nio.charset.StandardCharsets.UTF_8);
                        int eq = t.indexOf('=');
                        tags.add(new java.util.AbstractMap.SimpleImmutableEntry<>(eq < 0 ? t : t.substring(0, eq),
                            eq < 0 ? "" : t.substring(eq + 1)));
                    }
                    start = i + 1;
                }
            }
        }
        return tags;
    }

    /** A ".modinfo" section holding {@code tags} as NUL-terminated "key=value" strings. */
    public static Section modinfoSection(List<Map.Entry<String, String>> tags) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> t : tags) {
            b.writeBytes((t.getKey() + "=" + t.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.write(0);
        }
        byte[] bytes = b.toByteArray();
        return new Section(".modinfo", bytes.length, 1, bytes);
    }

    /** The first value of a .modinfo tag, or null. */
    public String modinfo(String key) {
        for (Map.Entry<String, String> e : modinfo) {
            if (e.getKey().equals(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
