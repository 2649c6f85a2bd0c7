package dev.kplay.cc.sema;

import java.util.List;

/**
 * C types with the x86-64 LP64 sizes and alignments gcc uses (char signed, long and pointers 8 bytes).
 * Each type carries its own qualifiers (CONST/VOLATILE bits) so messages print them as gcc does
 * ("const char *"). Struct and union types share a mutable {@link Tag} so that a type can be
 * completed after it was first referenced.
 */
public sealed interface Type {
    int CONST = 1;
    int VOLATILE = 2;

    int quals();

    Type withQuals(int quals);

    record Void(int quals) implements Type {
        public Type withQuals(int q) { return new Void(q); }
    }

    /** Integer types; {@code kind} gives width, signedness and gcc's spelling. */
    record Int(IntKind kind, int quals) implements Type {
        public Type withQuals(int q) { return new Int(kind, q); }
    }

    /** An enumerated type: behaves as its compatible integer type (unsigned int or int). */
    record Enum(EnumTag tag, int quals) implements Type {
        public Type withQuals(int q) { return new Enum(tag, q); }
    }

    /** float/double: parsed so the checker can reject them (the kernel builds with -mno-sse). */
    record Float(String name, int size, int quals) implements Type {
        public Type withQuals(int q) { return new Float(name, size, q); }
    }

    record Ptr(Type base, int quals) implements Type {
        public Type withQuals(int q) { return new Ptr(base, q); }
    }

    /** {@code length} is -1 for an incomplete array ({@code int a[]}, flexible array members). */
    record Arr(Type elem, long length, int quals) implements Type {
        public Type withQuals(int q) { return new Arr(elem, length, q); }
    }

    /** A function type; {@code prototype} false for {@code int f()}. */
    record Func(Type ret, List<Type> params, boolean variadic, boolean prototype, int quals) implements Type {
        public Type withQuals(int q) { return this; }
    }

    record Struct(Tag tag, int quals) implements Type {
        public Type withQuals(int q) { return new Struct(tag, q); }
    }

    /** Integer kinds with size in bytes, signedness, conversion rank and gcc's type name. */
    enum IntKind {
        BOOL(1, true, 0, "_Bool"), CHAR(1, false, 1, "char"), SCHAR(1, false, 1, "signed char"),
        UCHAR(1, true, 1, "unsigned char"), SHORT(2, false, 2, "short int"), USHORT(2, true, 2, "short unsigned int"),
        INT(4, false, 3, "int"), UINT(4, true, 3, "unsigned int"), LONG(8, false, 4, "long int"),
        ULONG(8, true, 4, "long unsigned int"), LLONG(8, false, 5, "long long int"),
        ULLONG(8, true, 5, "long long unsigned int"), INT128(16, false, 6, "__int128"),
        UINT128(16, true, 6, "__int128 unsigned");

        public final int size;
        public final boolean unsigned;
        public final int rank;
        public final String cname;

        IntKind(int size, boolean unsigned, int rank, String cname) {
            this.size = size;
            this.unsigned = unsigned;
            this.rank = rank;
            this.cname = cname;
        }
    }

    /**
     * A struct or union tag: members and layout are filled in when the definition is seen
     * ({@code complete} becomes true). Invariant: once complete, never changes.
     */
    final class Tag {
        public final String name;       // null for anonymous
        public final boolean union;
        public List<Member> members = List.of();
        public long size;
        public int align = 1;
        public boolean complete;
        public boolean packed;
        public boolean flexible;
        /** __attribute__((designated_init)): positional initializers get -Wdesignated-init. */
        public boolean designatedInit;
        /** Where the definition was written (for "originally defined here"). */
        public dev.kplay.cc.source.Span span;

        public Tag(String name, boolean union) {
            this.name = name;
            this.union = union;
        }
    }

    /** An enum tag; {@code unsigned} when no enumerator is negative (gcc picks unsigned int then). */
    final class EnumTag {
        public final String name;
        public boolean complete;
        public boolean unsigned = true;
        public int size = 4;

        public EnumTag(String name) { this.name = name; }
    }

    /**
     * A member at byte {@code offset}; bitfields also have {@code bitOffset} (within the storage unit
     * at {@code offset} of the member type's size) and {@code bitWidth} (-1 for ordinary members).
     * An anonymous struct/union member has a null name and is searched through.
     */
    record Member(String name, Type type, long offset, int bitOffset, int bitWidth) {
        public boolean isBitfield() { return bitWidth >= 0; }
    }

    // ---- common instances ------------------------------------------------------------------

    Type VOID = new Void(0);
    Type BOOL = new Int(IntKind.BOOL, 0);
    Type CHAR = new Int(IntKind.CHAR, 0);
    Type UCHAR = new Int(IntKind.UCHAR, 0);
    Type SHORT = new Int(IntKind.SHORT, 0);
    Type USHORT = new Int(IntKind.USHORT, 0);
    Type INT = new Int(IntKind.INT, 0);
    Type UINT = new Int(IntKind.UINT, 0);
    Type LONG = new Int(IntKind.LONG, 0);
    Type ULONG = new Int(IntKind.ULONG, 0);
    Type LLONG = new Int(IntKind.LLONG, 0);
    Type ULLONG = new Int(IntKind.ULLONG, 0);

    static Type ptr(Type base) { return new Ptr(base, 0); }
}
