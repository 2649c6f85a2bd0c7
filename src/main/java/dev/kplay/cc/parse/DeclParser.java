package dev.kplay.cc.parse;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Token;
import dev.kplay.cc.lex.TokenKind;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Declaration specifiers, declarators (named and abstract), struct/union/enum specifiers,
 * initializers and GNU attributes (C11 6.7 with the GNU placements of {@code __attribute__}).
 */
abstract class DeclParser extends ExprParser {
    private static final Set<String> TYPE_WORDS = Set.of(
        "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
        "_Complex", "__int128");
    private static final Set<String> QUALS = Set.of("const", "volatile", "restrict", "_Atomic");
    private static final Set<String> STORAGE = Set.of(
        "typedef", "extern", "static", "auto", "register", "_Thread_local", "__thread");

    DeclParser(List<Token> tokens, Diagnostics diags) {
        super(tokens, diags);
    }

    /** True if token k starts a type name (specifier-qualifier-list). */
    @Override
    boolean isTypeStart(int k) {
        Token t = peek(k);
        if (t.kind() == TokenKind.IDENT) return isTypedefName(t);
        String c = canon(t);
        if (c == null || t.kind() != TokenKind.KEYWORD) return false;
        return TYPE_WORDS.contains(c) || QUALS.contains(c) || c.equals("struct") || c.equals("union")
            || c.equals("enum") || c.equals("typeof") || c.equals("__attribute__")
            || c.equals("__builtin_va_list") || c.equals("_Alignas") || c.equals("__auto_type");
    }

    /** True if token k starts a declaration (block items: declaration or statement?). */
    boolean isDeclStart(int k) {
        if (isTypeStart(k)) {
            // "T:" is a label even if T names a type
            return !(peek(k).kind() == TokenKind.IDENT && at(k + 1, ":"));
        }
        String c = canon(peek(k));
        if (c == null || peek(k).kind() != TokenKind.KEYWORD) return false;
        if (c.equals("__extension__")) return isDeclStart(k + 1);
        return STORAGE.contains(c) || c.equals("inline") || c.equals("_Noreturn") || c.equals("_Static_assert");
    }

    // declaration-specifiers = (storage-class | type-specifier | type-qualifier | function-specifier
    //                           | alignment-specifier | attribute-specifier)+
    Decl.DeclSpecs parseDeclSpecs() {
        Span start = here();
        Decl.Storage storage = Decl.Storage.NONE;
        boolean inline = false, noreturn = false, threadLocal = false;
        int quals = 0;
        List<String> words = new ArrayList<>();
        TypeSpec type = null;
        List<Attribute> attrs = new ArrayList<>();
        Expr alignas = null;
        while (true) {
            Token t = peek();
            String c = canon(t);
            if (t.kind() == TokenKind.IDENT) {
                boolean specsSeen = storage != Decl.Storage.NONE || quals != 0 || inline;
                if (type == null && words.isEmpty() && atFileScope() && specsSeen && isUnknownName(0)) {
                    // reported as gcc's parser does, before the declaration it starts (a function's
                    // return type: before "In function"); the type is taken as int, quietly
                    report(here(), "unknown type name ‘" + t.text() + "’");
                    next();
                    type = new TypeSpec.Basic(t.where(), List.of("int"));
                    continue;
                }
                if (type == null && words.isEmpty() && (isTypedefName(t) || isUnknownTypeName(0))) {
                    next();
                    type = new TypeSpec.TypedefName(t.where(), t.text());
                    continue;
                }
                break;
            }
            if (c == null || t.kind() != TokenKind.KEYWORD) break;
            if (STORAGE.contains(c)) {
                next();
                if (c.equals("_Thread_local") || c.equals("__thread")) {
                    threadLocal = true;
                } else {
                    if (storage != Decl.Storage.NONE) report(t.where(), "multiple storage classes in declaration specifiers");
                    storage = Decl.Storage.valueOf(c.toUpperCase());
                }
            } else if (c.equals("inline")) {
                next();
                inline = true;
            } else if (c.equals("_Noreturn")) {
                next();
                noreturn = true;
            } else if (QUALS.contains(c)) {
                next();
                if (c.equals("_Atomic") && at("(")) {
                    next();
                    TypeName tn = parseTypeName();
                    expect(")");
                    type = new TypeSpec.TypeofType(tn.span(), tn);
                }
                quals |= c.equals("const") ? Decl.CONST : c.equals("volatile") ? Decl.VOLATILE : 0;
            } else if (c.equals("__attribute__")) {
                attrs.addAll(parseAttributes());
            } else if (c.equals("__extension__")) {
                next();
            } else if (c.equals("_Alignas")) {
                next();
                expect("(");
                if (isTypeStart(0)) {
                    TypeName tn = parseTypeName();
                    alignas = new Expr.SizeofType(tn.span(), tn, true);
                } else {
                    alignas = parseConditional();
                }
                expect(")");
            } else if (TYPE_WORDS.contains(c) && type == null) {
                next();
                words.add(c);
            } else if ((c.equals("struct") || c.equals("union")) && type == null && words.isEmpty()) {
                type = parseStructSpec();
            } else if (c.equals("enum") && type == null && words.isEmpty()) {
                type = parseEnumSpec();
            } else if (c.equals("typeof") && type == null && words.isEmpty()) {
                Span s = next().where();
                expect("(");
                if (isTypeStart(0)) {
                    TypeName tn = parseTypeName();
                    expect(")");
                    type = new TypeSpec.TypeofType(from(s), tn);
                } else {
                    Expr e = parseExpr();
                    expect(")");
                    type = new TypeSpec.TypeofExpr(from(s), e);
                }
            } else if (c.equals("__auto_type") && type == null && words.isEmpty()) {
                next();
                type = new TypeSpec.Basic(t.where(), List.of("__auto_type"));
            } else if (c.equals("__builtin_va_list") && type == null && words.isEmpty()) {
                next();
                type = new TypeSpec.VaList(t.where());
            } else {
                if (TYPE_WORDS.contains(c) || c.equals("struct") || c.equals("union") || c.equals("enum")) {
                    report(t.where(), "two or more data types in declaration specifiers");
                    next();
                    continue;
                }
                break;
            }
        }
        Span sp = pos > 0 ? from(start) : start;
        if (type == null) type = new TypeSpec.Basic(sp, List.copyOf(words));
        return new Decl.DeclSpecs(sp, storage, inline, noreturn, quals, type, attrs, alignas, threadLocal);
    }

    // attribute-specifier = ("__attribute__" "(" "(" attribute-list ")" ")")+
    // attribute = (identifier | keyword) ("(" (assignment ("," assignment)*)? ")")?
    List<Attribute> parseAttributes() {
        List<Attribute> out = new ArrayList<>();
        while (at("__attribute__")) {
            next();
            expect("(");
            expect("(");
            while (!at(")")) {
                if (accept(",")) continue;
                Token name = peek();
                if (name.kind() != TokenKind.IDENT && name.kind() != TokenKind.KEYWORD) throw error("expected identifier");
                next();
                String n = name.text();
                if (n.startsWith("__") && n.endsWith("__") && n.length() > 4) n = n.substring(2, n.length() - 2);
                List<Expr> args = new ArrayList<>();
                if (accept("(")) {
                    while (!at(")")) {
                        if (peek().kind() == TokenKind.KEYWORD && (at(1, ",") || at(1, ")"))) {
                            Token k = next();
                            args.add(new Expr.Ident(k.where(), k.text()));
                        } else {
                            args.add(parseAssign());
                        }
                        if (!accept(",")) break;
                    }
                    expect(")");
                }
                out.add(new Attribute(from(name.where()), n, args));
            }
            expect(")");
            expect(")");
        }
        return out;
    }

    /** Attributes at the current position, or an empty list. */
    List<Attribute> maybeAttributes() {
        return at("__attribute__") ? parseAttributes() : Collections.emptyList();
    }

    // struct-or-union-specifier = ("struct" | "union") attribute* identifier? ("{" struct-declaration* "}")? attribute*
    TypeSpec parseStructSpec() {
        Token kw = next();
        boolean union = kw.text().equals("union");
        List<Attribute> attrs = new ArrayList<>(maybeAttributes());
        String tag = null;
        Span tagSpan = kw.where();
        if (peek().kind() == TokenKind.IDENT) {
            tagSpan = peek().where();
            tag = next().text();
        }
        List<TypeSpec.Field> fields = null;
        if (at("{")) {
            next();
            fields = new ArrayList<>();
            while (!at("}") && !atEof()) {
                try {
                    parseStructDeclaration(fields);
                } catch (SyntaxError e) {
                    skipToEndOfStatement();
                }
            }
            expect("}");
            attrs.addAll(maybeAttributes());
        } else if (tag == null) {
            throw error("expected ‘{’");
        }
        return new TypeSpec.StructSpec(from(kw.where()), union, tag, fields, attrs, tagSpan);
    }

    // struct-declaration = specifier-qualifier-list (struct-declarator ("," struct-declarator)*)? ";"
    // struct-declarator = declarator? (":" constant-expression)? attribute*
    private void parseStructDeclaration(List<TypeSpec.Field> fields) {
        if (at("_Static_assert")) {
            parseStaticAssert();
            return;
        }
        Span start = here();
        Decl.DeclSpecs specs = parseDeclSpecs();
        if (at(";")) {
            next();
            fields.add(new TypeSpec.Field(from(start), specs, null, null, List.of()));
            return;
        }
        while (true) {
            Declarator d = at(":") ? new Declarator(here(), null, null, List.of(), List.of()) : parseDeclarator(false);
            Expr width = null;
            if (accept(":")) width = parseConditional();
            List<Attribute> attrs = maybeAttributes();
            fields.add(new TypeSpec.Field(from(start), specs, d, width, attrs));
            if (accept(",")) continue;
            if (accept(";")) return;
            throw error("expected ‘;’, ‘,’ or ‘}’");
        }
    }

    // enum-specifier = "enum" attribute* identifier? ("{" enumerator ("," enumerator)* ","? "}")? attribute*
    // enumerator = identifier attribute* ("=" constant-expression)?
    TypeSpec parseEnumSpec() {
        Token kw = next();
        List<Attribute> attrs = new ArrayList<>(maybeAttributes());
        String tag = null;
        if (peek().kind() == TokenKind.IDENT) tag = next().text();
        List<TypeSpec.Enumerator> items = null;
        if (accept("{")) {
            items = new ArrayList<>();
            while (!at("}")) {
                Token name = peek();
                if (name.kind() != TokenKind.IDENT) throw error("expected identifier");
                next();
                maybeAttributes();
                Expr value = accept("=") ? parseConditional() : null;
                items.add(new TypeSpec.Enumerator(name.where(), name.text(), value));
                declareName(name.text(), false);
                if (!accept(",")) break;
            }
            expect("}");
            attrs.addAll(maybeAttributes());
        } else if (tag == null) {
            throw error("expected ‘{’");
        }
        return new TypeSpec.EnumSpec(from(kw.where()), tag, items, attrs);
    }

    // declarator = pointer* attribute* (identifier | "(" attribute* declarator ")")? suffix* attribute*
    // pointer = "*" (type-qualifier | attribute)*
    // suffix = "[" ("static" | type-qualifier)* assignment? "]" | "(" parameter-list ")"
    Declarator parseDeclarator(boolean abstractOk) {
        Span start = here();
        List<Attribute> attrs = new ArrayList<>();
        List<Declarator.Pointer> pointers = new ArrayList<>();
        while (at("*") || at("^")) {
            next();
            int quals = 0;
            List<Attribute> pattrs = new ArrayList<>();
            while (true) {
                String c = canon(peek());
                if (c != null && QUALS.contains(c) && peek().kind() == TokenKind.KEYWORD) {
                    next();
                    quals |= c.equals("const") ? Decl.CONST : c.equals("volatile") ? Decl.VOLATILE : 0;
                } else if ("__attribute__".equals(c)) {
                    pattrs.addAll(parseAttributes());
                } else {
                    break;
                }
            }
            pointers.add(new Declarator.Pointer(quals, pattrs));
        }
        attrs.addAll(maybeAttributes());
        String name = null;
        Span nameSpan = null;
        Token nameToken = null;
        Declarator nested = null;
        if (peek().kind() == TokenKind.IDENT) {
            Token t = next();
            name = t.text();
            nameSpan = t.where();
            nameToken = t;
        } else if (at("(") && isNestedDeclarator()) {
            next();
            attrs.addAll(maybeAttributes());
            nested = parseDeclarator(abstractOk);
            expect(")");
        } else if (!abstractOk) {
            throw error("expected identifier or ‘(’");
        }
        List<Declarator.Derivation> suffixes = new ArrayList<>();
        while (true) {
            if (at("[")) {
                next();
                while (at("static") || (canon(peek()) != null && QUALS.contains(canon(peek())))) next();
                Expr size = at("]") ? null : parseAssign();
                expect("]");
                suffixes.add(new Declarator.Array(size));
            } else if (at("(")) {
                next();
                suffixes.add(parseParams());
            } else {
                break;
            }
        }
        attrs.addAll(maybeAttributes());
        List<Declarator.Derivation> ders = new ArrayList<>();
        if (nested != null) {
            ders.addAll(nested.derivations());
            attrs.addAll(nested.attrs());
            name = nested.name();
            nameSpan = nested.nameSpan();
            nameToken = nested.nameToken();
        }
        ders.addAll(suffixes);
        for (int i = pointers.size() - 1; i >= 0; i--) ders.add(pointers.get(i));
        Span sp = pos > 0 && prev().where().file() == start.file() ? from(start) : start;
        return new Declarator(sp, name, nameSpan, ders, attrs, nameToken);
    }

    /** After pointers: is this "(" the start of a nested declarator rather than a parameter list? */
    private boolean isNestedDeclarator() {
        Token t = peek(1);
        if (at(1, "*") || at(1, "^") || at(1, "(") || at(1, "[") || at(1, "__attribute__")) return true;
        return t.kind() == TokenKind.IDENT && !isTypedefName(t);
    }

    // parameter-list = "void" | parameter ("," parameter)* ("," "...")? | "..." | (empty: no prototype)
    // parameter = declaration-specifiers (declarator | abstract-declarator)?
    private Declarator.Function parseParams() {
        if (accept(")")) return new Declarator.Function(List.of(), false, false);
        if (at("void") && at(1, ")")) {
            next();
            next();
            return new Declarator.Function(List.of(), false, true);
        }
        List<Declarator.Param> params = new ArrayList<>();
        boolean variadic = false;
        while (true) {
            if (accept("...")) {
                variadic = true;
                break;
            }
            Span start = here();
            if (!isDeclStart(0)) {
                if (peek().kind() == TokenKind.IDENT) {
                    report(here(), "unknown type name ‘" + peek().text() + "’");
                    next();
                    params.add(new Declarator.Param(from(start),
                        new Decl.DeclSpecs(start, Decl.Storage.NONE, false, false, 0,
                            new TypeSpec.Basic(start, List.of("int")), List.of(), null, false),
                        at(",") || at(")") ? new Declarator(start, null, null, List.of(), List.of()) : parseDeclarator(true)));
                    if (accept(",")) continue;
                    break;
                }
                throw error("expected declaration specifiers or ‘...’");
            }
            Decl.DeclSpecs specs = parseDeclSpecs();
            Declarator d = parseDeclarator(true);
            params.add(new Declarator.Param(from(start), specs, d));
            if (!accept(",")) break;
        }
        expect(")");
        return new Declarator.Function(params, variadic, true);
    }

    // type-name = specifier-qualifier-list abstract-declarator?
    @Override
    TypeName parseTypeName() {
        Span start = here();
        Decl.DeclSpecs specs = parseDeclSpecs();
        Declarator d = parseDeclarator(true);
        if (d.name() != null) report(d.nameSpan(), "expected ‘)’ before ‘" + d.name() + "’");
        return new TypeName(from(start), specs, d);
    }

    // initializer = assignment | "{" (designation? initializer ("," designation? initializer)* ","?)? "}"
    Initializer parseInitializer() {
        if (at("{")) return parseBraceInitializer();
        Expr e = parseAssign();
        return new Initializer.Single(e.span(), e);
    }

    // designation = ("[" constant-expression ("..." constant-expression)? "]" | "." identifier)+ "="
    //             | identifier ":"   (obsolete GNU form)
    @Override
    Initializer parseBraceInitializer() {
        Span start = expect("{").where();
        List<Initializer.Item> items = new ArrayList<>();
        while (!at("}")) {
            List<Designator> ds = new ArrayList<>();
            if (peek().kind() == TokenKind.IDENT && at(1, ":")) {
                Token n = next();
                next();
                ds.add(new Designator.Field(n.where(), n.text()));
            } else {
                while (at("[") || at(".")) {
                    Span s = here();
                    if (accept(".")) {
                        Span nameAt = here();
                        ds.add(new Designator.Field(nameAt, expectIdent()));
                    } else {
                        next();
                        Expr lo = parseConditional();
                        if (accept("...")) {
                            Expr hi = parseConditional();
                            expect("]");
                            ds.add(new Designator.Range(from(s), lo, hi));
                        } else {
                            expect("]");
                            ds.add(new Designator.Index(from(s), lo));
                        }
                    }
                }
                if (!ds.isEmpty()) expect("=");
            }
            items.add(new Initializer.Item(ds, parseInitializer()));
            if (!accept(",")) break;
        }
        expect("}");
        return new Initializer.List_(from(start), items);
    }

    // static-assert = "_Static_assert" "(" constant-expression ("," string-literal)? ")" ";"
    Decl.StaticAssert parseStaticAssert() {
        Span start = next().where();
        expect("(");
        Expr cond = parseConditional();
        String msg = null;
        if (accept(",")) {
            Expr m = parsePrimary();
            msg = m instanceof Expr.StrLit s ? new String(s.bytes(), java.nio.charset.StandardCharsets.UTF_8) : "";
        }
        expect(")");
        expect(";");
        return new Decl.StaticAssert(from(start), cond, msg);
    }
}
