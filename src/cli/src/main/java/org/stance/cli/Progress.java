package org.stance.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines for long work: to the command's stderr, flushed at once so they show while it runs. */
final class Progress {

    private Progress() {
    }

    static Consumer<String> to(PrintWriter err) {
        return line -> {
            err.println(line);
            err.flush();
        };
    }
}
