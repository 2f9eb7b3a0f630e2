package org.stance.server;

/** A request the API refuses: its HTTP status and a message for the client (never a stack trace). */
final class ApiError extends RuntimeException {

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
