package dev.kplay.cc.source;

/** A range [start, end) of characters in a source file: where a token or a node was written. */
public record Span(SourceFile file, int start, int end) {
    public int line() { return file.line(start); }

    public int column() { return file.column(start); }

    /** The smallest span covering this one and {@code other} (same file). */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }
}
