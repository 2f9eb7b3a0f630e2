package org.stance.artifact;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.stance.UserError;
import org.stance.io.Hashes;

/**
 * The parts (zip entries) of an artifact, each with its SHA-256: a writer records the digest of
 * every part it writes, for the manifest; a reader checks every part it reads against the digest
 * the manifest recorded, before the part is decoded, and names the part that does not match.
 */
final class Parts {

    private Parts() {
    }

    /** Writes parts into a zip and records each one's SHA-256, in the order written. */
    static final class Writer {
        private final ZipOutputStream zip;
        private final Map<String, String> digests = new LinkedHashMap<>();

        Writer(ZipOutputStream zip) {
            this.zip = zip;
        }

        void deflated(String entry, byte[] data) throws IOException {
            ZipEntries.deflated(zip, entry, data);
            digests.put(entry, Hashes.sha256(data));
        }

        /** Raw float arrays hardly deflate: they are stored. */
        void stored(String entry, byte[] data) throws IOException {
            ZipEntries.stored(zip, entry, data);
            digests.put(entry, Hashes.sha256(data));
        }

        Map<String, String> digests() {
            return digests;
        }
    }

    /**
     * Reads parts from an open zip. With {@code expected} digests (a sealed model), a part that is
     * not listed or does not match is refused; without (a standalone embeddings file, which has
     * no seal), the zip CRC is the only check.
     */
    record Reader(ZipFile zip, String name, Map<String, String> expected) {

        static Reader unsealed(ZipFile zip, String name) {
            return new Reader(zip, name, null);
        }

        boolean has(String entry) {
            return zip.getEntry(entry) != null;
        }

        byte[] read(String entry, long maxBytes) {
            byte[] bytes = ZipEntries.read(zip, entry, maxBytes, name);
            if (expected != null) {
                String want = expected.get(entry);
                if (want == null) {
                    throw new UserError(name + ": corrupt model: part '" + entry + "' is not listed in its manifest");
                }
                if (!want.equals(Hashes.sha256(bytes))) {
                    throw new UserError(name + ": corrupt model: part '" + entry + "' does not match the SHA-256 its manifest records");
                }
            }
            return bytes;
        }
    }
}
