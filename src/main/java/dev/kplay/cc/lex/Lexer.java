package dev.kplay.cc.lex;

import dev.kplay.cc.diag.Diagnostics;
import dev.kplay.cc.diag.Severity;
import dev.kplay.cc.source.SourceFile;
import dev.kplay.cc.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The C11 tokenizer (translation phases 1-3), in the manner of chibicc's tokenize.c.
 *
 * <p>It turns a source file into preprocessing tokens: identifiers (keywords get {@link TokenKind#KEYWORD}
 * but the preprocessor treats them as identifiers), pp-numbers (converted by the parser), character
 * and string literals with their prefixes (spelling kept verbatim, escapes untouched), and punctuators
 * (longest match). Comments and whitespace only set {@code spaceBefore}; a newline sets {@code atLineStart}.
 *
 * <p>Line splices (backslash-newline) are removed before scanning, as phase 2 says, but spans still
 * point at the original text: the scanner works on the spliced text and maps each offset back through
 * {@code origin}. Most files have no splice, so that map is only built when needed.
 *
 * <p>Which reserved words are keywords: all of C11, plus the GNU spellings the kernel uses
 * ({@code __attribute__}, {@code typeof}/{@code __typeof__}, {@code asm}/{@code __asm__}, {@code __inline},
 * {@code __extension__}, {@code __restrict}, {@code __volatile__}, {@code __int128}...) and the builtins that
 * take a type operand ({@code __builtin_va_arg}, {@code __builtin_offsetof},
 * {@code __builtin_types_compatible_p}, {@code __builtin_va_list}). Other {@code __builtin_*} names are
 * ordinary identifiers that the checker knows as functions.
 */
public final class Lexer {
    private static final Set<String> KEYWORDS = Set.of(
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
        "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
        "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
        "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary",
        "_Noreturn", "_Static_assert", "_Thread_local",
        "__attribute__", "__attribute", "typeof", "__typeof__", "__typeof", "asm", "__asm__", "__asm",
        "__inline", "__inline__", "__extension__", "__restrict", "__restrict__", "__volatile__", "__volatile",
        "__const", "__const__", "__signed__", "__signed", "__alignof__", "__alignof", "__label__",
        "__auto_type", "__int128", "__thread", "__builtin_va_arg", "__builtin_offsetof",
        "__builtin_types_compatible_p", "__builtin_va_list");

    /** Punctuators, longest first within each starting character so the first match is the longest. */
    private static final String[] PUNCTUATORS = {
        "<<=", ">>=", "...", "%:%:",
        "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "&&", "||", "++", "--",
        "<<", ">>", "##", "<:", ":>", "<%", "%>", "%:",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?",
        ":", ";", "=", ",", "#",
    };

    private final SourceFile file;
    private final Diagnostics diags;
    private final String src;       // the text after line splicing
    private final int[] origin;     // origin[i] = offset in file.text() of src[i]; null when no splice
    private int pos;

    private Lexer(SourceFile file, Diagnostics diags) {
        this.file = file;
        this.diags = diags;
        String text = file.text();
        if (text.indexOf("\\\n") < 0 && text.indexOf("\\\r\n") < 0) {
            this.src = text;
            this.origin = null;
        } else {
            StringBuilder b = new StringBuilder(text.length());
            int[] map = new int[text.length() + 1];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\\' && text.startsWith("\n", i + 1)) {
                    i++;
                    continue;
                }
                if (text.charAt(i) == '\\' && text.startsWith("\r\n", i + 1)) {
                    i += 2;
                    continue;
                }
                map[n++] = i;
                b.append(text.charAt(i));
            }
            map[n] = text.length();
            this.src = b.toString();
            this.origin = map;
        }
    }

    /** Tokenizes a whole file; the list ends with an EOF token. Errors go to {@code diags}. */
    public static List<Token> tokenize(SourceFile file, Diagnostics diags) {
        return new Lexer(file, diags).run();
    }

    /** True if {@code name} is lexed as a keyword. */
    public static boolean isKeyword(String name) {
        return KEYWORDS.contains(name);
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        boolean atLineStart = true;
        boolean space = false;
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                atLineStart = true;
                space = false;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                pos++;
                space = true;
                continue;
            }
            if (src.startsWith("//", pos)) {
                while (pos < n && src.charAt(pos) != '\n') pos++;
                space = true;
                continue;
            }
            if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    error(pos, pos + 2, "unterminated comment");
                    pos = n;
                    break;
                }
                pos = end + 2;
                space = true;
                continue;
            }
            int start = pos;
            TokenKind kind;
            if (Character.isDigit(c) || (c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1)))) {
                kind = TokenKind.NUMBER;
                scanNumber();
            } else if (c == '"' || c == '\'' || isLiteralPrefix()) {
                kind = scanLiteral();
            } else if (isIdentStart(c)) {
                while (pos < n && isIdentPart(src.charAt(pos))) pos++;
                kind = KEYWORDS.contains(src.substring(start, pos)) ? TokenKind.KEYWORD : TokenKind.IDENT;
            } else {
                int len = punctuatorLength();
                if (len == 0) {
                    pos++;
                    error(start, pos, "stray ‘" + (c == '\\' ? "\\" : String.valueOf(c)) + "’ in program");
                    space = true;
                    continue;
                }
                pos += len;
                kind = TokenKind.PUNCT;
            }
            out.add(new Token(kind, src.substring(start, pos), span(start, pos), atLineStart, space, null));
            atLineStart = false;
            space = false;
        }
        out.add(new Token(TokenKind.EOF, "", span(n, n), true, space, null));
        return out;
    }

    /** pp-number: digit or .digit, then identifier characters, '.', and e+ e- p+ p- (C11 6.4.8). */
    private void scanNumber() {
        int n = src.length();
        pos++;
        while (pos < n) {
            char c = src.charAt(pos);
            if ((c == '+' || c == '-') && "eEpP".indexOf(src.charAt(pos - 1)) >= 0) {
                pos++;
            } else if (isIdentPart(c) || c == '.') {
                pos++;
            } else {
                break;
            }
        }
    }

    private boolean isLiteralPrefix() {
        for (String p : new String[] {"u8\"", "u8'", "u\"", "u'", "U\"", "U'", "L\"", "L'"}) {
            if (src.startsWith(p, pos)) return true;
        }
        return false;
    }

    /**
     * A character or string literal, prefix included. An unterminated one runs to the end of the
     * line and is not an error here: the preprocessor decides (nothing in a skipped group, a warning
     * in #error, an error in code), as gcc's does. See {@link #unterminated(Token)}.
     */
    private TokenKind scanLiteral() {
        int start = pos;
        while (src.charAt(pos) != '"' && src.charAt(pos) != '\'') pos++;
        int open = pos;
        char quote = src.charAt(pos++);
        int n = src.length();
        while (true) {
            if (pos >= n || src.charAt(pos) == '\n') {
                return quote == '"' ? TokenKind.STRING : TokenKind.CHAR;
            }
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < n && src.charAt(pos + 1) != '\n') {
                pos += 2;
            } else {
                pos++;
                if (c == quote) break;
            }
        }
        if (quote == '\'' && pos == open + 2) {
            error(start, pos, "empty character constant");
        }
        return quote == '"' ? TokenKind.STRING : TokenKind.CHAR;
    }

    /** True for a CHAR or STRING token whose closing quote is missing (it ran to the end of its line). */
    public static boolean unterminated(Token t) {
        if (t.kind() != TokenKind.CHAR && t.kind() != TokenKind.STRING) return false;
        String s = t.text();
        int i = 0;
        while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\'') i++;
        if (i >= s.length()) return true;
        char quote = s.charAt(i++);
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i != s.length() - 1;
            } else {
                i++;
            }
        }
        return true;
    }

    private int punctuatorLength() {
        for (String p : PUNCTUATORS) {
            if (src.startsWith(p, pos)) return p.length();
        }
        return 0;
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    private Span span(int start, int end) {
        if (origin == null) return new Span(file, start, end);
        int s = origin[start];
        int e = end > start ? origin[end - 1] + 1 : s;
        return new Span(file, s, e);
    }

    private void error(int start, int end, String message) {
        diags.report(Severity.ERROR, span(start, end), message, null);
    }
}
