package io.specdyn.model;

/**
 * A problem or run specification that violates its accepted range.
 *
 * <p>The message names the parameter exactly as the command line spells its option (without the
 * leading dashes) and states the accepted range, so that the CLI can print it as a one-line error.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidSpecException(String parameter, String message) {
        super("--" + parameter + " " + message);
        this.parameter = parameter;
    }

    /** The parameter name, as the command line spells its option without dashes. */
    public String parameter() {
        return parameter;
    }
}
