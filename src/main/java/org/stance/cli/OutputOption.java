package org.stance.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Option;
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
            checkWritable(path);
        }
    }

    /** Fails fast when a file cannot be written to the given path. */
    static void checkWritable(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("cannot write " + path + ": folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(path) && !Files.isWritable(path))) {
            throw new UserError("cannot write " + path + ": permission denied");
        }
        if (Files.isDirectory(path)) {
            throw new UserError("cannot write " + path + ": it is a folder");
        }
    }

    void write(Body body) {
        checkWritable();
        try {
            if (isStdout()) {
                Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                body.writeTo(w);
                w.flush();
                return;
            }
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), "." + path.getFileName(), ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    body.writeTo(w);
                }
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + (isStdout() ? "standard output" : path) + ": " + e.getMessage(), e);
        }
    }
}
