package org.stance;

/**
 * A problem caused by the user's input or request (a malformed CSV row, an unknown label, an empty
 * article, a model file of another version), as opposed to a bug. The message is one line that
 * says what is wrong and where; the CLI prints it without a stack trace.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
