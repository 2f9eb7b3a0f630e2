package org.stance.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.stance.UserError;

/**
 * Reading and writing the entries of the project's zip artifacts with limits checked before
 * anything is allocated: a file may declare any size, or inflate far beyond it (a zip bomb), so
 * every read is bounded by what the format can legitimately hold, and so is the entry count.
 */
final class ZipEntries {

    /** No artifact of this project has more entries: a model has a handful, its embeddings five. */
    static final int MAX_ENTRIES = 64;

    private ZipEntries() {
    }

    /** Opens an artifact, refusing a missing path, a folder, a non-zip or an archive with too many entries. */
    static ZipFile open(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": is a folder, not a " + what + " file");
        }
        if (!Files.exists(file)) {
            throw new UserError(file + ": no such " + what + " file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": not a " + what + " file but a device or special file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new UserError(file + ": not a valid " + what + " file (not a zip archive: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (zip.size() > MAX_ENTRIES) {
            close(zip);
            throw new UserError(file + ": not a valid " + what + " file (" + zip.size() + " zip entries; at most " + MAX_ENTRIES + " expected)");
        }
        // Two entries of one name: a reader would see one of them, another tool the other.
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
            if (!names.add(e.getName())) {
                close(zip);
                throw new UserError(file + ": not a valid " + what + " file (the zip entry '" + e.getName() + "' appears twice)");
            }
        }
        return zip;
    }

    /**
     * The entry's bytes, at most {@code maxBytes} of them whatever the entry declares, checked
     * against the entry's zip CRC (ZipFile checks none); a missing entry is an error.
     */
    static byte[] read(ZipFile zip, String entry, long maxBytes, String name) {
        ZipEntry e = require(zip, entry, name);
        maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 8); // one Java array
        if (e.getSize() > maxBytes) {
            throw new UserError(name + ": entry '" + entry + "' declares " + e.getSize() + " bytes, more than the " + maxBytes
                    + " this format allows");
        }
        try (InputStream in = zip.getInputStream(e)) {
            if (e.getSize() >= 0) {
                // The size is declared: read exactly that, into one array of that size.
                byte[] exact = in.readNBytes((int) e.getSize());
                if (exact.length != e.getSize() || in.read() != -1) {
                    throw new UserError(name + ": entry '" + entry + "' does not hold the " + e.getSize() + " bytes it declares; the file is corrupt");
                }
                return crcChecked(e, exact, name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            stream(in, maxBytes, entry, name, out::write);
            return crcChecked(e, out.toByteArray(), name);
        } catch (IOException ex) {
            throw new UserError(name + ": cannot read entry '" + entry + "' (" + ex.getMessage() + "); the file is corrupt", ex);
        }
    }

    private static ZipEntry require(ZipFile zip, String entry, String name) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new UserError(name + ": corrupt or incomplete file: entry '" + entry + "' is missing");
        }
        return e;
    }

    /** Receives a chunk of an entry's inflated bytes. */
    private interface Chunk {
        void accept(byte[] buffer, int offset, int length);
    }

    /** An entry's inflated bytes in chunks, refused past {@code maxBytes} whatever the entry declared (a zip bomb). */
    private static void stream(InputStream in, long maxBytes, String entry, String name, Chunk chunk) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new UserError(name + ": entry '" + entry + "' inflates beyond the " + maxBytes + " bytes this format allows");
            }
            chunk.accept(buffer, 0, n);
        }
    }

    private static byte[] crcChecked(ZipEntry e, byte[] bytes, String name) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new UserError(name + ": corrupt file: entry '" + e.getName() + "' fails its zip CRC check");
        }
        return bytes;
    }

    /** A CRC-32 as a model manifest records it: 8 lowercase hex digits. */
    static String crc32Hex(long crc) {
        return String.format("%08x", crc);
    }

    /** An entry's SHA-256 (hex) and CRC-32 (8 hex digits). */
    record Digests(String sha256, String crc32) {
    }

    /** SHA-256 and CRC-32 of an entry's bytes, streamed (at most {@code maxBytes}), for checking a part without decoding it. */
    static Digests digests(ZipFile zip, String entry, long maxBytes, String name) {
        ZipEntry e = require(zip, entry, name);
        try (InputStream in = zip.getInputStream(e)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            CRC32 crc = new CRC32();
            stream(in, maxBytes, entry, name, (buffer, offset, length) -> {
                digest.update(buffer, offset, length);
                crc.update(buffer, offset, length);
            });
            return new Digests(java.util.HexFormat.of().formatHex(digest.digest()), crc32Hex(crc.getValue()));
        } catch (IOException ex) {
            throw new UserError(name + ": cannot read entry '" + entry + "' (" + ex.getMessage() + "); the file is corrupt", ex);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static void deflated(ZipOutputStream zip, String entry, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(entry);
        e.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Raw float arrays hardly deflate: they are stored. */
    static void stored(ZipOutputStream zip, String entry, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(entry);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    static void close(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written: closing a reader cannot lose data
        }
    }
}
