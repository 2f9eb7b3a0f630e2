package org.stance.artifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.stance.UserError;
import org.stance.io.Hashes;

/**
 * A model file's seal: the manifest lists the SHA-256 and CRC-32 of every other part and the SHA-256 of the label lists,
 * and {@value #ENTRY} holds the SHA-256 of the manifest itself. Zip CRCs alone do not cover what a
 * part means: a manifest with its labels swapped is a valid zip. With the seal, a bit flipped in any
 * part, a part added, dropped or renamed, or a label list reordered is refused before anything in
 * the file is used, and the error names the part.
 */
final class ModelSeal {

    static final String ENTRY = "manifest.sha256";

    private ModelSeal() {
    }

    /** SHA-256 of the label lists, task by task in manifest order: reordering labels changes it. */
    static String labelsDigest(Map<String, List<String>> labels) {
        StringBuilder s = new StringBuilder();
        labels.forEach((task, list) -> {
            s.append(task);
            list.forEach(label -> s.append('\t').append(label));
            s.append('\n');
        });
        return Hashes.sha256(s.toString());
    }

    /** The integrity record of a model whose parts were written by {@code parts}. */
    static ModelManifest.Integrity of(Map<String, List<String>> labels, Parts.Writer parts) {
        return new ModelManifest.Integrity(labelsDigest(labels), parts.digests(), parts.crcs());
    }

    /** The seal entry's content for the manifest's bytes. */
    static byte[] entry(byte[] manifestBytes) {
        return (Hashes.sha256(manifestBytes) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the manifest against its seal, the label lists against their digest and the zip's
     * entries against the listed parts; returns the reader that checks each part as it is read.
     */
    static Parts.Reader verify(ZipFile zip, byte[] manifestBytes, ModelManifest m, Path file) {
        String name = file.toString();
        Set<String> present = new TreeSet<>(zip.stream().map(ZipEntry::getName).toList());
        if (!present.contains(ENTRY) || m.integrity() == null) {
            throw new UserError(name + ": corrupt model: its integrity record (the entry '" + ENTRY + "' or the manifest's part hashes) is missing");
        }
        String sealed = new String(ZipEntries.read(zip, ENTRY, 65, name), StandardCharsets.US_ASCII).strip();
        if (!sealed.equals(Hashes.sha256(manifestBytes))) {
            throw new UserError(name + ": corrupt model: part '" + ModelCodec.MANIFEST + "' does not match the SHA-256 in '" + ENTRY + "'");
        }
        if (!labelsDigest(m.labels()).equals(m.integrity().labelsSha256())) {
            throw new UserError(name + ": corrupt model: its label lists do not match the SHA-256 its manifest records");
        }
        Set<String> listed = new TreeSet<>(m.integrity().parts().keySet());
        listed.add(ModelCodec.MANIFEST);
        listed.add(ENTRY);
        for (String entry : present) {
            if (!listed.contains(entry)) {
                throw new UserError(name + ": corrupt model: part '" + entry + "' is not listed in its manifest");
            }
        }
        for (String entry : listed) {
            if (!present.contains(entry)) {
                throw new UserError(name + ": corrupt model: part '" + entry + "' is missing");
            }
        }
        Map<String, String> crcs = m.integrity().partsCrc32();
        if (crcs == null && m.formatVersion() > ModelManifest.OLDEST_SEALED_VERSION) {
            throw new UserError(name + ": corrupt model: its manifest records no CRC-32 of its parts (format version " + m.formatVersion() + ")");
        }
        if (crcs != null) {
            for (String entry : m.integrity().parts().keySet()) {
                String crc = crcs.get(entry);
                if (crc == null || !crc.matches("[0-9a-f]{8}")) {
                    throw new UserError(name + ": corrupt model: part '" + entry + "' has no valid CRC-32 in its manifest");
                }
            }
            for (String entry : crcs.keySet()) {
                if (!m.integrity().parts().containsKey(entry)) {
                    throw new UserError(name + ": corrupt model: part '" + entry + "' has a CRC-32 but no SHA-256 in its manifest");
                }
            }
        }
        return new Parts.Reader(zip, name, m.integrity().parts(), crcs);
    }
}
