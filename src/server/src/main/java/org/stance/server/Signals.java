package org.stance.server;

/**
 * POSIX signals for the server's life cycle (SIGTERM/SIGINT: drain and stop with exit 0; SIGHUP:
 * reload), through the JDK's sun.misc.Signal: a shutdown hook cannot choose the exit code, and
 * would run only after the JVM began to exit.
 */
final class Signals {

    private Signals() {
    }

    static void on(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> new Thread(action, "stance-signal-" + name).start());
        } catch (IllegalArgumentException e) {
            // a signal this platform does not have (HUP on Windows): that control is simply not offered
        }
    }
}
