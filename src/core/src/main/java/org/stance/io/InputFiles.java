package org.stance.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.stance.UserError;

/** Resolves input paths: files as given, folders as their *.txt files in a stable order. */
public final class InputFiles {

    private InputFiles() {
    }

    /** Lists the article files named by the inputs, in a stable order, failing on a missing path or an unreadable entry. */
    public static List<Path> files(List<Path> inputs) {
        return files(inputs, null);
    }

    /**
     * Lists the article files named by the inputs, in a stable order. A *.txt entry of a folder that
     * is not a readable file (a broken symbolic link, a pipe, a device) fails the listing, naming
     * it; with {@code skipped}, it is reported there and left out instead.
     */
    public static List<Path> files(List<Path> inputs, java.util.function.Consumer<String> skipped) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<Path> found = new ArrayList<>();
                    for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                        if (Files.isRegularFile(p)) {
                            found.add(p);
                        } else if (!Files.isDirectory(p)) {
                            String problem = p + ": " + (Files.isSymbolicLink(p) && !Files.exists(p) ? "a broken symbolic link"
                                    : isPipe(p) ? "a pipe" : "a device or special file") + " in the folder " + input;
                            if (skipped == null) {
                                throw new UserError(problem + "; remove it, or give --on-error skip");
                            }
                            skipped.accept(problem);
                        }
                    }
                    if (found.isEmpty()) {
                        throw new UserError(input + ": folder holds no .txt article");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new UserError("cannot list " + input + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(input) || isPipe(input)) {
                files.add(input); // a pipe too: process substitution (<(...)), a FIFO, /dev/stdin fed by a pipe
            } else if (Files.exists(input)) {
                throw new UserError(input + ": a device or special file, not a text file (give a file, a folder, or - for standard input)");
            } else {
                throw new UserError(input + ": no such file or folder");
            }
        }
        return files;
    }

    /** True for a named or anonymous pipe (what /dev/fd/N of a process substitution is). */
    public static boolean isPipe(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & 0170000) == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
