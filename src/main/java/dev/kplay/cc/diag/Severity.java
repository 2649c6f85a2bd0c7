package dev.kplay.cc.diag;

/** gcc's diagnostic kinds, spelled as gcc prints them. */
public enum Severity {
    NOTE("note"), WARNING("warning"), ERROR("error"), FATAL("fatal error");

    private final String label;

    Severity(String label) { this.label = label; }

    public String label() { return label; }
}
