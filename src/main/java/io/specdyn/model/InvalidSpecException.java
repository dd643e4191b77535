package io.specdyn.model;

/**
 * A problem or run specification that violates its accepted range.
 *
 * <p>The message is plain words: the parameter's key (for example {@code lu}, {@code d},
 * {@code t-end}) followed by what it must be, such as {@code "lu must be a finite number > 0 (got -1.0)"}.
 * Keys are the command line's option names without their dashes, so that the command line can
 * name the option ({@link #parameter()}) and print {@link #detail()} after it; nothing here knows
 * how options are spelt.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String detail;

    /**
     * @param parameter the parameter's key
     * @param detail    what is wrong, to follow the parameter's name: "must be ... (got ...)"
     */
    public InvalidSpecException(String parameter, String detail) {
        super(parameter + " " + detail);
        this.parameter = parameter;
        this.detail = detail;
    }

    /** The parameter's key. */
    public String parameter() {
        return parameter;
    }

    /** What is wrong with it, without its name. */
    public String detail() {
        return detail;
    }
}
