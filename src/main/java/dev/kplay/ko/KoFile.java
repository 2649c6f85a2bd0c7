package dev.kplay.ko;

import dev.kplay.vm.Insn;
import dev.kplay.vm.Op;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/*
 * The X.ko file codec. A real .ko is an ELF relocatable object; kplay's starts with a genuine
 * 64-byte ELF64 header (ET_REL, EM_X86_64, so `file` and the loader's magic check behave as in
 * Linux) followed by one payload: the ModuleImage serialised field by field in a fixed order. The
 * .modinfo tags are not written twice: they are the ".modinfo" section's "key=value" strings.
 * The encoding is a pure function of the image (no timestamps, no hash-map order), so the same
 * build gives byte-identical files. decode() checks everything and throws IllegalArgumentException
 * on junk, which the loader turns into "Invalid module format" (-ENOEXEC).
 */

/** Reads and writes X.ko files. */
public final class KoFile {
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int EHDR_SIZE = 64;
    private static final String PAYLOAD_TAG = "KPLAYKO2";
    /** Upper bounds that keep a corrupt file from allocating absurd amounts. */
    private static final int MAX_COUNT = 1 << 20;

    private KoFile() {}

    /** The bytes of X.ko for this image (deterministic; begins with the ELF magic). */
    public static byte[] encode(ModuleImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(elfHeader());
            out.writeUTF(PAYLOAD_TAG);
            str(out, image.name());
            str(out, image.fileName());
            out.writeInt(image.sections().size());
            for (Section s : image.sections()) {
                str(out, s.name());
                out.writeInt(s.size());
                out.writeInt(s.align());
                blob(out, s.bytes());
            }
            out.writeInt(image.symbols().size());
            for (Symbol s : image.symbols()) {
                str(out, s.name());
                str(out, s.section());
                out.writeLong(s.offset());
                out.writeInt(s.size());
                out.writeByte(s.kind().ordinal());
                out.writeBoolean(s.global());
            }
            out.writeInt(image.relocations().size());
            for (Relocation r : image.relocations()) {
                str(out, r.section());
                out.writeInt(r.offset());
                out.writeInt(r.symbol());
                out.writeLong(r.addend());
            }
            out.writeInt(image.functions().size());
            for (Function f : image.functions()) {
                function(out, f);
            }
            str(out, image.initFunction());
            str(out, image.exitFunction());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses X.ko; throws IllegalArgumentException on a bad image. */
    public static ModuleImage decode(byte[] bytes) {
        if (bytes == null || bytes.length < EHDR_SIZE + 2) {
            throw new IllegalArgumentException("file too short for an ELF header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException("bad ELF magic");
            }
        }
        if (bytes[4] != 2 || bytes[5] != 1 || bytes[16] != 1 || bytes[18] != 62) {
            throw new IllegalArgumentException("not an x86-64 relocatable ELF object");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, EHDR_SIZE, bytes.length - EHDR_SIZE));
            if (!PAYLOAD_TAG.equals(in.readUTF())) {
                throw new IllegalArgumentException("no module payload");
            }
            String name = str(in);
            String fileName = str(in);
            List<Section> sections = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                sections.add(new Section(str(in), in.readInt(), in.readInt(), blob(in)));
            }
            List<Symbol> symbols = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                String sname = str(in);
                String sec = str(in);
                long off = in.readLong();
                int size = in.readInt();
                int kind = in.readUnsignedByte();
                if (kind >= Symbol.Kind.values().length) {
                    throw new IllegalArgumentException("bad symbol kind");
                }
                symbols.add(new Symbol(sname, sec, off, size, Symbol.Kind.values()[kind], in.readBoolean()));
            }
            List<Relocation> relocs = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                relocs.add(new Relocation(str(in), in.readInt(), in.readInt(), in.readLong()));
            }
            List<Function> functions = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                functions.add(function(in));
            }
            // The tags are read from the .modinfo section, as modinfo(8) and the loader do: the
            // strings live there once, so editing the file (sed on license=GPL) edits what they see.
            List<Map.Entry<String, String>> modinfo = ModuleImage.modinfoTags(sections);
            String init = str(in);
            String exit = str(in);
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes");
            }
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("module has no name");
            }
            return new ModuleImage(name, fileName, List.copyOf(sections), List.copyOf(symbols), List.copyOf(relocs),
                    List.copyOf(functions), List.copyOf(modinfo), init, exit);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("truncated or corrupt module: " + e.getMessage(), e);
        }
    }

    private static void function(DataOutputStream out, Function f) throws IOException {
        str(out, f.name());
        str(out, f.section());
        out.writeInt(f.offset());
        out.writeInt(f.size());
        out.writeBoolean(f.global());
        boolean tail = f.tailCalls() != null && f.tailCalls().length > 0;
        boolean cold = f.coldCalls() != null && f.coldCalls().length > 0;
        // bits 1, 2 and 3 added later: older files read as not inlined, without sibling or cold calls
        out.writeByte((f.variadic() ? 1 : 0) | (f.inlined() ? 2 : 0) | (tail ? 4 : 0) | (cold ? 8 : 0));
        out.writeInt(f.params().size());
        for (Function.Param p : f.params()) {
            out.writeInt(p.offset());
            out.writeInt(p.size());
        }
        out.writeInt(f.frameSize());
        out.writeInt(f.code().size());
        for (Insn insn : f.code()) {
            out.writeByte(insn.op().ordinal());
            out.writeLong(insn.a());
            out.writeInt(insn.b());
        }
        ints(out, f.pcOffsets());
        ints(out, f.lines());
        if (tail) {
            ints(out, f.tailCalls());
        }
        if (cold) {
            ints(out, f.coldCalls());
        }
    }

    private static Function function(DataInputStream in) throws IOException {
        String name = str(in);
        String section = str(in);
        int offset = in.readInt();
        int size = in.readInt();
        boolean global = in.readBoolean();
        int flags = in.readUnsignedByte();
        boolean variadic = (flags & 1) != 0;
        boolean inlined = (flags & 2) != 0;
        List<Function.Param> params = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) {
            params.add(new Function.Param(in.readInt(), in.readInt()));
        }
        int frameSize = in.readInt();
        List<Insn> code = new ArrayList<>();
        Op[] ops = Op.values();
        for (int i = 0, n = count(in); i < n; i++) {
            int op = in.readUnsignedByte();
            if (op >= ops.length) {
                throw new IllegalArgumentException("bad opcode " + op);
            }
            code.add(new Insn(ops[op], in.readLong(), in.readInt()));
        }
        int[] pcOffsets = ints(in);
        int[] lines = ints(in);
        int[] tailCalls = (flags & 4) != 0 ? ints(in) : new int[0];
        int[] coldCalls = (flags & 8) != 0 ? ints(in) : new int[0];
        return new Function(name, section, offset, size, global, variadic, List.copyOf(params), frameSize,
                List.copyOf(code), pcOffsets, lines, inlined, tailCalls, coldCalls);
    }

    private static byte[] elfHeader() {
        byte[] h = new byte[EHDR_SIZE];
        System.arraycopy(MAGIC, 0, h, 0, 4);
        h[4] = 2;       // ELFCLASS64
        h[5] = 1;       // ELFDATA2LSB
        h[6] = 1;       // EV_CURRENT
        h[16] = 1;      // e_type = ET_REL
        h[18] = 62;     // e_machine = EM_X86_64
        h[20] = 1;      // e_version
        h[52] = EHDR_SIZE; // e_ehsize
        return h;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            blob(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? new String(blob(in), java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    private static void blob(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return in.readNBytes(n);
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) {
            for (int v : a) {
                out.writeInt(v);
            }
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available() / 4) {
            throw new IllegalArgumentException("bad length " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
