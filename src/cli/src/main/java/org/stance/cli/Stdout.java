package org.stance.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output that keeps its first write failure. {@link PrintStream} and {@link java.io.PrintWriter}
 * swallow write errors, so a full disk ({@code >/dev/full}) once exited 0 with the output lost; and
 * a reader that stops early ({@code | head}) must end the command quietly, as it ends {@code cat}.
 */
final class Stdout {

    /** Passes writes through and remembers the first failure. */
    private static final class Recording extends OutputStream {
        private final OutputStream out;
        private volatile IOException failure;

        Recording(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    private static volatile Recording installed;

    private Stdout() {
    }

    /** Puts the recording stream under {@code System.out} (the real process only; tests pass their own writers). */
    static PrintStream install() {
        installed = new Recording(new FileOutputStream(FileDescriptor.out));
        PrintStream out = new PrintStream(installed, false, StandardCharsets.UTF_8);
        System.setOut(out);
        return out;
    }

    /** The stream output files are written to when they go to standard output: write errors reach the writer. */
    static OutputStream stream() {
        Recording r = installed;
        return r != null ? r : System.out;
    }

    /** The first failed write to standard output, or null; without the recording stream, whether System.out failed. */
    static IOException failure() {
        Recording r = installed;
        if (r != null) {
            System.out.flush();
            return r.failure;
        }
        return System.out.checkError() ? new IOException("the write failed") : null;
    }

    /** A reader that closed the pipe early: not an error of this command, and nothing more to say to it. */
    static boolean isBrokenPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }
}
