package dev.kplay.cc.kbuild;

import dev.kplay.ko.Function;
import dev.kplay.ko.ModuleImage;
import dev.kplay.ko.Section;
import dev.kplay.ko.Symbol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last two steps of a module build: {@code CC [M] m.mod.o} (the .mod.c modpost writes) and
 * {@code LD [M] m.ko}. The .mod.c contributes what every module carries besides its own code:
 * the .modinfo tags vermagic, name, retpoline, depends and srcversion (appended after the
 * module's own tags, as ld concatenates m.o then m.mod.o), the kernel's struct module in
 * .gnu.linkonce.this_module (defining __this_module, which THIS_MODULE points at), and the
 * __versions table of CRCs for the symbols the module imports.
 *
 * <p>{@code modinfo} lists tags in reverse section order, which is why a module's
 * "license" comes out after its "version".
 */
final class Linker {
    static final String VERMAGIC = "6.1.0-56-amd64 SMP preempt mod_unload modversions ";
    static final int THIS_MODULE_SIZE = 0x380;
    /** Offset of char name[MODULE_NAME_LEN] in 6.1's struct module (after state and list). */
    static final int THIS_MODULE_NAME = 24;
    static final int MODULE_NAME_LEN = 56;

    private Linker() {}

    /** The "key=value" strings of an image's .modinfo section, in section order. */
    static List<Map.Entry<String, String>> modinfo(ModuleImage o) {
        return ModuleImage.modinfoTags(o.sections());
    }

    /** Links object {@code obj} of module {@code base} ("hello-3") into the final .ko image. */
    static ModuleImage link(String base, ModuleImage obj, Set<String> depends, String srcversion) {
        String name = base.replace('-', '_');
        // The .mod.c declares vermagic, name, retpoline, depends, srcversion in that order; gcc emits
        // top-level variables in reverse, so the .mod.o's .modinfo (and modinfo's output) starts at srcversion.
        // modpost computes a srcversion only for a module with MODULE_VERSION (Debian's kernel does not
        // set CONFIG_MODULE_SRCVERSION_ALL), as read_symbols() does.
        boolean versioned = modinfo(obj).stream().anyMatch(t -> t.getKey().equals("version"));
        List<Map.Entry<String, String>> modPart = new ArrayList<>();
        if (versioned) {
            modPart.add(tag("srcversion", srcversion));
        }
        modPart.addAll(List.of(tag("depends", String.join(",", depends)), tag("retpoline", "Y"),
            tag("name", name), tag("vermagic", VERMAGIC)));

        List<Section> sections = new ArrayList<>();
        ByteArrayOutputStream modinfo = new ByteArrayOutputStream();
        for (Section s : obj.sections()) {
            if (s.name().equals(".modinfo")) {
                if (s.bytes() != null) modinfo.writeBytes(s.bytes());
            } else {
                sections.add(s);
            }
        }
        for (Map.Entry<String, String> t : modPart) {
            modinfo.writeBytes((t.getKey() + "=" + t.getValue()).getBytes(StandardCharsets.UTF_8));
            modinfo.write(0);
        }
        byte[] info = modinfo.toByteArray();
        sections.add(new Section(".modinfo", info.length, 1, info));

        byte[] thisModule = new byte[THIS_MODULE_SIZE];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, thisModule, THIS_MODULE_NAME, Math.min(n.length, MODULE_NAME_LEN - 1));
        sections.add(new Section(".gnu.linkonce.this_module", THIS_MODULE_SIZE, 64, thisModule));

        List<Symbol> symbols = new ArrayList<>(obj.symbols());
        boolean haveThisModule = false;
        List<String> imports = new ArrayList<>();
        imports.add("module_layout");
        for (int i = 0; i < symbols.size(); i++) {
            Symbol s = symbols.get(i);
            if (s.name().equals("__this_module")) {
                symbols.set(i, thisModuleSymbol());
                haveThisModule = true;
            } else if (!s.defined() && !s.name().isEmpty()) {
                imports.add(s.name());
            }
        }
        if (!haveThisModule) symbols.add(thisModuleSymbol());
        byte[] versions = new byte[64 * imports.size()];
        for (int i = 0; i < imports.size(); i++) {
            long crc = SymbolTable.crc(imports.get(i));
            for (int k = 0; k < 8; k++) versions[64 * i + k] = (byte) (crc >>> (8 * k));
            byte[] nb = imports.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(nb, 0, versions, 64 * i + 8, Math.min(nb.length, MODULE_NAME_LEN - 1));
        }
        sections.add(new Section("__versions", versions.length, 32, versions));

        List<Map.Entry<String, String>> tags = new ArrayList<>(modinfo(obj));
        tags.addAll(modPart);
        return new ModuleImage(name, base + ".ko", List.copyOf(sections), List.copyOf(symbols),
            obj.relocations(), obj.functions(), List.copyOf(tags),
            aliasTarget(obj, "init_module"), aliasTarget(obj, "cleanup_module"));
    }

    private static Symbol thisModuleSymbol() {
        return new Symbol("__this_module", ".gnu.linkonce.this_module", 0, THIS_MODULE_SIZE, Symbol.Kind.OBJECT, true);
    }

    private static Map.Entry<String, String> tag(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }

    /** The function an alias (init_module, cleanup_module) names, or null if there is none. */
    private static String aliasTarget(ModuleImage obj, String alias) {
        for (Symbol s : obj.symbols()) {
            if (!s.name().equals(alias) || !s.defined()) continue;
            for (Function f : obj.functions()) {
                if (f.section().equals(s.section()) && f.offset() == s.offset() && !f.name().equals(alias)) {
                    return f.name();
                }
            }
            return alias;
        }
        return null;
    }
}
