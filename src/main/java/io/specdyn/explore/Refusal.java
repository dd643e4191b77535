package io.specdyn.explore;

/**
 * A request the server will not compute, with the HTTP status it is answered by and the one line
 * shown to the reader: the command line's own message for a bad value (400), the reason for a
 * request past the work bounds (400) or a full queue (503).
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * A value from a request as a message may quote it: printable ASCII only (anything else is {@code ?}),
     * at most {@code max} characters and an ellipsis; null is empty.
     */
    static String quote(String value, int max) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > max ? printable.substring(0, max) + "..." : printable;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
