package dev.kplay.cc.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private static final SourceFile F = new SourceFile("x.c",
            "static int f(void)\n{\n\tint unused;\n\treturn 0\n}\nint y = z;\n");

    private static Span at(String needle) {
        int i = F.text().indexOf(needle);
        return new Span(F, i, i + needle.length());
    }

    @Test
    void rendersLikeGcc12WithTabsExpandedAndOneContextLine() {
        Diagnostics d = new Diagnostics(Set.of("return-type"));
        d.enterFunction("f");
        d.report(Severity.WARNING, at("unused"), "unused variable ‘unused’", "unused-variable");
        d.enterFunction(null);
        d.enterFunction("f");
        d.report(Severity.WARNING, at("}"), "no return statement in function returning non-void", "return-type");
        d.enterFunction(null);
        d.report(Severity.ERROR, at("z"), "‘z’ undeclared here (not in a function)", null);
        assertEquals("""
                x.c: In function ‘f’:
                x.c:3:13: warning: unused variable ‘unused’ [-Wunused-variable]
                    3 |         int unused;
                      |             ^~~~~~
                x.c:5:1: error: no return statement in function returning non-void [-Werror=return-type]
                    5 | }
                      | ^
                x.c: At top level:
                x.c:6:9: error: ‘z’ undeclared here (not in a function)
                    6 | int y = z;
                      |         ^
                cc1: some warnings being treated as errors
                """, d.render());
        assertEquals(2, d.list().stream().filter(x -> x.severity().equals("error")).count());
    }
}
