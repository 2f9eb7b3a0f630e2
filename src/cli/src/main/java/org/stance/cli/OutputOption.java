package org.stance.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import org.stance.io.AtomicFile;
import org.stance.UserError;

/**
 * The shared {@code -o/--output} option. A file is written to a temporary sibling and moved into
 * place at the end, so a failure never leaves a half-written output.
 */
final class OutputOption {

    /** Writes the whole output to a writer. */
    @FunctionalInterface
    interface Body {
        void writeTo(Writer writer) throws IOException;
    }

    /** Writes the whole output as bytes (a format that encodes its own UTF-8, as JSON lines do). */
    @FunctionalInterface
    interface StreamBody {
        void writeTo(OutputStream out) throws IOException;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: standard output).")
    Path path;

    boolean isStdout() {
        return path == null || path.toString().equals("-");
    }

    Path path() {
        return path;
    }

    /** Fails fast when the output cannot be written, before any long work starts. */
    void checkWritable() {
        if (!isStdout()) {
            AtomicFile.checkWritable(path, "");
        }
    }

    /** Writes the output as UTF-8 text. */
    void write(Body body) {
        writeBytes(out -> {
            Writer w = text(out);
            body.writeTo(w);
            w.flush();
        });
    }

    /** A buffered UTF-8 writer over the output's bytes (flush it before the bytes are flushed). */
    static Writer text(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes the output as bytes, buffered; the body flushes what it buffers itself. */
    void writeBytes(StreamBody body) {
        checkWritable();
        try {
            if (isStdout()) {
                // Straight to the stream under System.out, which passes write errors on: a full disk or a
                // closed pipe stops the work at once instead of scoring the rest for nobody.
                OutputStream out = new BufferedOutputStream(Stdout.stream(), 1 << 16);
                body.writeTo(out);
                out.flush();
                if (Stdout.stream() == System.out && System.out.checkError()) {
                    throw new IOException("the write failed (closed, full, or a broken pipe); the output is incomplete");
                }
                return;
            }
            AtomicFile.write(path, file -> {
                OutputStream out = new BufferedOutputStream(file, 1 << 16);
                body.writeTo(out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UserError(isStdout() ? "cannot write to standard output: " + e.getMessage() + "; the output is incomplete"
                    : "cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
