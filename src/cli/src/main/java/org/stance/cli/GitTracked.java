package org.stance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether git tracks a file: training over a committed model (the shipped one) should be a decision, not a slip. */
final class GitTracked {

    private GitTracked() {
    }

    /** True when the file exists and git (if installed) lists it in its repository; false when git cannot say. */
    static boolean isTracked(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Path absolute = file.toAbsolutePath();
        try {
            Process git = new ProcessBuilder("git", "-C", absolute.getParent().toString(), "ls-files", "--error-unmatch", "--",
                    absolute.getFileName().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false; // no git: nothing tracks it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
