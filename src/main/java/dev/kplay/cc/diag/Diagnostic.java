package dev.kplay.cc.diag;

/**
 * One diagnostic as the HTTP contract reports it (file, 1-based line and gcc display column,
 * severity "error"/"warning"/"note"/"fatal error", and gcc's message including any
 * "[-Wflag]" suffix). The editor draws these inline; the build output carries gcc's full text.
 */
public record Diagnostic(String file, int line, int column, String severity, String message) {}
