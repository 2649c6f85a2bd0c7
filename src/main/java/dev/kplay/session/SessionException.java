package dev.kplay.session;

/*
 * Every refusal a session gives a client, with the kind the web layer maps to an HTTP status:
 * an unknown session or file, a bad name or request, a source over the size limit, a server
 * that has no room for another session.
 */

/** A client error from the session layer; the message is shown to the user as is. */
public final class SessionException extends RuntimeException {
    /** What went wrong, from the client's point of view. */
    public enum Kind { NOT_FOUND, BAD_REQUEST, TOO_LARGE, UNAVAILABLE, HALTED }

    private final Kind kind;

    public SessionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
