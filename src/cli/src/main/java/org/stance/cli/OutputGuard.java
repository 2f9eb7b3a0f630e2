package org.stance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine;

/**
 * Refuses an output path that is one of the command's inputs (the data, the model, an exclude
 * list, or standard input redirected from that file), before anything is read: writing it would
 * replace what the command reads. Compared by file identity (device and inode), so symlinks and
 * hard links count.
 */
final class OutputGuard {

    private OutputGuard() {
    }

    /**
     * Throws a usage error (exit 2) when {@code output} is the same file as one of {@code inputs}
     * (role → paths; "-" stands for standard input).
     */
    static void refuseInputs(CommandLine cli, Path output, Map<String, ? extends Collection<Path>> inputs) {
        if (output == null || output.toString().equals("-") || !Files.exists(output)) {
            return; // standard output, or a file that does not exist yet: no input can be it
        }
        for (Map.Entry<String, ? extends Collection<Path>> e : inputs.entrySet()) {
            for (Path in : e.getValue()) {
                if (in == null) {
                    continue;
                }
                Path file = in.toString().equals("-") ? Path.of("/proc/self/fd/0") : in;
                if (Files.isDirectory(file) && inFolder(file, output)) {
                    throw new CommandLine.ParameterException(cli, "the output " + output + " is one of the files of the " + e.getKey() + " " + in
                            + ": writing it would destroy what is read; choose another output file");
                }
                if (same(file, output)) {
                    String what = in.toString().equals("-") ? "standard input (redirected from it)" : e.getKey() + " " + in;
                    throw new CommandLine.ParameterException(cli, "the output " + output + " is the " + what
                            + ": writing it would destroy what is read; choose another output file");
                }
            }
        }
    }

    /** Whether {@code output} is one of the files read from the input folder {@code dir}. */
    private static boolean inFolder(Path dir, Path output) {
        try {
            return org.stance.io.InputFiles.files(java.util.List.of(dir)).stream().anyMatch(f -> same(f, output));
        } catch (RuntimeException e) {
            return false; // an unreadable folder is reported when it is read
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isRegularFile(a) && Files.isSameFile(a, b); // file keys: symlinks and hard links count
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Paths as the role map takes them. */
    static Map<String, Collection<Path>> roles(Object... roleThenPaths) {
        Map<String, Collection<Path>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < roleThenPaths.length; i += 2) {
            Object v = roleThenPaths[i + 1];
            Collection<Path> paths = v instanceof Collection<?> c ? c.stream().map(Path.class::cast).toList()
                    : v == null ? java.util.List.of() : java.util.List.of((Path) v);
            out.put((String) roleThenPaths[i], paths);
        }
        return out;
    }
}
