package org.stance.api;

/**
 * A text the model cannot score as an article: it is empty, binary, or holds no sentence of
 * Arabic text. The CLI refuses the same inputs (with the file's name); a service gets this typed
 * exception instead of a meaningless "neutral" verdict.
 */
public final class InvalidTextException extends IllegalArgumentException {

    /** Why the text was refused. */
    public enum Reason { EMPTY, BINARY, NO_ARABIC_TEXT }

    private final Reason reason;

    public InvalidTextException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
