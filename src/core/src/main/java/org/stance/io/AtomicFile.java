package org.stance.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stance.UserError;

/**
 * Writes a file so that readers only ever see it complete: the content goes to a temporary file
 * in the same folder, which replaces the target in one move. A failure leaves no partial file, and
 * temporary files still open when the JVM is stopped (SIGTERM, SIGINT) are removed by a shutdown
 * hook. A symbolic link is written through, to its target; a device or other special file is refused.
 */
public final class AtomicFile {

    /** Produces the whole content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PENDING.forEach(AtomicFile::deleteQuietly), "stance-temp-cleanup"));
    }

    private AtomicFile() {
    }

    /** Fails fast, before long work, when the file could not be written. */
    public static void checkWritable(Path file, String what) {
        Path target = resolve(file, what);
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError("cannot write " + what + file + ": folder " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(target) && !Files.isWritable(target))) {
            throw new UserError("cannot write " + what + file + ": permission denied");
        }
    }

    /**
     * The path the content really goes to: a symbolic link's target (so the link stays a link), the
     * path itself otherwise. A folder or a special file (a device such as /dev/stdout, a FIFO) is refused.
     */
    static Path resolve(Path file, String what) {
        Path target = file;
        try {
            for (int hops = 0; Files.isSymbolicLink(target) && hops < 40; hops++) {
                Path link = Files.readSymbolicLink(target);
                Path parent = target.toAbsolutePath().getParent();
                target = parent == null ? link : parent.resolve(link);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + what + file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(target)) {
            throw new UserError("cannot write " + what + file + ": it is a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError("cannot write " + what + file + ": not a regular file (a device or a pipe); give the path of a file");
        }
        return target;
    }

    public static void write(Path file, Content content) throws IOException {
        writeAll(Map.of(file, content));
    }

    /**
     * Writes several files as one unit: every content is written to its temporary file first; only
     * when all succeeded are they moved into place, and if a move fails the files already replaced
     * get their previous content back. Readers never see a mix of old and new files.
     */
    public static void writeAll(Map<Path, Content> files) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        List<Path[]> backups = new ArrayList<>();
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                Path target = resolve(e.getKey(), "");
                Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
                PENDING.add(tmp);
                temps.put(target, tmp);
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                     OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                    e.getValue().writeTo(out);
                    out.flush();
                    channel.force(true); // on disk before the rename: a crash never leaves an empty "written" file
                }
                try {
                    // Temporary files are created owner-only: the result keeps the replaced file's permissions, or gets ordinary ones.
                    Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                            : PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: keep the default permissions
                }
            }
            if (temps.size() > 1) {
                for (Path target : temps.keySet()) {
                    if (Files.exists(target)) {
                        Path backup = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".bak");
                        PENDING.add(backup);
                        Files.copy(target, backup, StandardCopyOption.REPLACE_EXISTING);
                        backups.add(new Path[] {target, backup});
                    }
                }
            }
            List<Path> moved = new ArrayList<>();
            try {
                for (Map.Entry<Path, Path> t : temps.entrySet()) {
                    Files.move(t.getValue(), t.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    moved.add(t.getKey());
                }
            } catch (IOException e) {
                // Undo what was moved: the previous content back where there was one, no file where there was none.
                Map<Path, Path> backupOf = new LinkedHashMap<>();
                backups.forEach(b -> backupOf.put(b[0], b[1]));
                for (Path target : moved) {
                    try {
                        Path backup = backupOf.get(target);
                        if (backup != null) {
                            Files.move(backup, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        } else {
                            Files.deleteIfExists(target);
                        }
                    } catch (IOException undo) {
                        e.addSuppressed(undo);
                    }
                }
                throw e;
            }
        } finally {
            temps.values().forEach(AtomicFile::deleteQuietly);
            backups.forEach(b -> deleteQuietly(b[1]));
            PENDING.removeAll(temps.values());
            backups.forEach(b -> PENDING.remove(b[1]));
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a temporary file that cannot be removed is hidden (a dot file) and never read
        }
    }
}
