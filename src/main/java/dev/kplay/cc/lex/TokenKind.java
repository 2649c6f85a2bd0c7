package dev.kplay.cc.lex;

/** What a token is. After preprocessing, NUMBER tokens are pp-numbers the parser converts. */
public enum TokenKind {
    IDENT, KEYWORD, PUNCT, NUMBER, CHAR, STRING, EOF
}
