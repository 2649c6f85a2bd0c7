package dev.kplay.cc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.lex.Lexer;
import dev.kplay.cc.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's AST for the constructs whose parse is easy to get wrong. */
class ParserTest {
    static List<Decl> parse(String src, Diagnostics diags) {
        return Parser.parseAll(Lexer.tokenize(new SourceFile("t.c", src), diags), diags);
    }

    static List<Decl> parse(String src) {
        Diagnostics diags = new Diagnostics();
        List<Decl> out = parse(src, diags);
        assertEquals("", diags.render());
        return out;
    }

    @Test
    void declaratorDerivationsReadFromTheNameOutward() {
        Decl.Declaration d = (Decl.Declaration) parse("int *(*fp)(int), *a[3];").get(0);
        List<Declarator.Derivation> fp = d.declarators().get(0).declarator().derivations();
        assertInstanceOf(Declarator.Pointer.class, fp.get(0));
        assertInstanceOf(Declarator.Function.class, fp.get(1));
        assertInstanceOf(Declarator.Pointer.class, fp.get(2));
        List<Declarator.Derivation> a = d.declarators().get(1).declarator().derivations();
        assertInstanceOf(Declarator.Array.class, a.get(0));
        assertInstanceOf(Declarator.Pointer.class, a.get(1));
    }

    @Test
    void typedefNamesMakeDeclarationsAndShadowingEndsThat() {
        List<Decl> ds = parse("typedef int T; int f(void) { T * x; { int T; T * 2; } return 0; }");
        Stmt.Block body = ((Decl.FunctionDef) ds.get(1)).body();
        assertInstanceOf(Stmt.DeclStmt.class, body.items().get(0));
        Stmt.Block inner = (Stmt.Block) body.items().get(1);
        assertInstanceOf(Stmt.ExprStmt.class, inner.items().get(1));
    }

    @Test
    void precedenceAndAssociativity() {
        Decl.Declaration d = (Decl.Declaration) parse("int x = 1 + 2 * 3 - 4 << 1 == 2 && 3 ? 4 : 5;").get(0);
        Expr e = ((Initializer.Single) d.declarators().get(0).init()).expr();
        Expr.Cond c = assertInstanceOf(Expr.Cond.class, e);
        Expr.Binary and = assertInstanceOf(Expr.Binary.class, c.cond());
        assertEquals("&&", and.op());
        Expr.Binary eq = assertInstanceOf(Expr.Binary.class, and.left());
        assertEquals("==", eq.op());
        Expr.Binary shl = assertInstanceOf(Expr.Binary.class, eq.left());
        assertEquals("<<", shl.op());
        Expr.Binary minus = assertInstanceOf(Expr.Binary.class, shl.left());
        assertEquals("-", minus.op());
        assertEquals("+", ((Expr.Binary) minus.left()).op());
    }

    @Test
    void gnuExtensions() {
        List<Decl> ds = parse("""
            struct s { int a : 3; union { int b; long c; }; char d[]; } __attribute__((packed));
            static int t[10] = { [2 ... 4] = 1, [6] = 2 };
            int f(int x) {
                switch (x) { case 1 ... 3: return ({ int y = x; y + 1; }); default: break; }
                asm volatile("" ::: "memory");
                return __builtin_offsetof(struct s, d) + sizeof(typeof(x)) + _Generic(x, int: 1, default: 2);
            }
            """);
        Decl.Declaration t = (Decl.Declaration) ds.get(1);
        Initializer.List_ init = (Initializer.List_) t.declarators().get(0).init();
        assertInstanceOf(Designator.Range.class, init.items().get(0).designators().get(0));
        Stmt.Block body = ((Decl.FunctionDef) ds.get(2)).body();
        Stmt.Switch sw = (Stmt.Switch) body.items().get(0);
        Stmt.Case c = (Stmt.Case) ((Stmt.Block) sw.body()).items().get(0);
        assertTrue(c.hi() != null);
        assertInstanceOf(Stmt.Asm.class, body.items().get(1));
    }

    @Test
    void inlineAsmOtherThanBarriersIsAClearError() {
        Diagnostics diags = new Diagnostics();
        parse("void f(void) { int x; asm(\"mov %0, 1\" : \"=r\"(x)); }", diags);
        assertTrue(diags.render().contains("inline assembly is not supported by kplay"), diags.render());
    }

    @Test
    void recoveryReportsSeveralErrors() {
        Diagnostics diags = new Diagnostics();
        List<Decl> ds = parse("int f(void) { int a = 1 int b; return a; }\nint g(void) { return 0 }\nint h;", diags);
        assertEquals(3, ds.size());
        assertEquals(2, diags.list().size(), diags.render());
    }
}
