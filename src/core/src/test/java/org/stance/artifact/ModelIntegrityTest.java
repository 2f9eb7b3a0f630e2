package org.stance.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.UserError;
import org.stance.data.LabeledSentence;

/** A model file proves its integrity: every corruption is refused, naming the part, or changes nothing. */
class ModelIntegrityTest {

    @TempDir
    static Path dir;

    static Path model;
    static List<String> texts;
    static List<String> targets;
    static Map<String, float[][]> reference;

    @BeforeAll
    static void load() {
        model = TestModels.small();
        List<LabeledSentence> probe = TestData.head("test", 40);
        texts = probe.stream().map(LabeledSentence::text).toList();
        targets = probe.stream().map(LabeledSentence::target).toList();
        reference = ModelCodec.load(model).classifier().predict(texts, targets);
    }

    /** Seeded one-bit flips over the whole file: each is refused with one line, or the scores are identical to the bit. */
    @Test
    void everyBitFlipIsRefusedOrChangesNothing() throws IOException {
        byte[] original = Files.readAllBytes(model);
        Random random = new Random(27);
        int refused = 0;
        int same = 0;
        for (int i = 0; i < 240; i++) {
            byte[] flipped = original.clone();
            // half uniformly over the file, half in its last 4 KB (the manifest, its seal and the zip's directory)
            int at = i % 2 == 0 ? random.nextInt(flipped.length) : flipped.length - 1 - random.nextInt(Math.min(4096, flipped.length));
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            Path file = dir.resolve("flip.zip");
            Files.write(file, flipped);
            try {
                Map<String, float[][]> scores = ModelCodec.load(file).classifier().predict(texts, targets);
                for (String task : reference.keySet()) {
                    for (int r = 0; r < texts.size(); r++) {
                        assertArrayEquals(reference.get(task)[r], scores.get(task)[r], 0f, "flip at byte " + at + " changed " + task + " row " + r);
                    }
                }
                same++;
            } catch (UserError e) {
                assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
                refused++;
            }
        }
        assertTrue(refused > 200, refused + " refused, " + same + " loaded unchanged");
    }

    /** A copy of {@code source} with one bit of its parameters flipped, the zip CRC made to match (the manifest not). */
    private Path withParameterBitFlipped(Path source, String name) throws IOException {
        byte[] parameters = ModelCodecTest.readEntry(source, ModelCodec.PARAMETERS);
        parameters[100] ^= 1;
        Path flipped = dir.resolve(name);
        ModelCodecTest.rewriteUnsealed(source, flipped, ModelCodec.PARAMETERS, parameters);
        return flipped;
    }

    @Test
    void aFlippedPartIsNamed() throws IOException {
        Path flipped = withParameterBitFlipped(model, "parameters.zip");
        // The zip's own CRC matches the new bytes (as when parts of two models are zipped together):
        // loading refuses the part by the CRC-32 the sealed manifest records, inspect by its SHA-256 too.
        String loading = assertThrows(UserError.class, () -> ModelCodec.load(flipped)).getMessage();
        assertTrue(loading.contains("part 'parameters.f32' does not match the CRC-32 its manifest records"), loading);
        String inspecting = assertThrows(UserError.class, () -> ModelCodec.readManifest(flipped)).getMessage();
        assertTrue(inspecting.contains("part 'parameters.f32' does not match the SHA-256 its manifest records"), inspecting);
    }

    @Test
    void aFormat3FileIsCheckedBySha256() throws IOException {
        ObjectNode manifest = (ObjectNode)
                Json.MAPPER.readTree(ModelCodecTest.readEntry(model, ModelCodec.MANIFEST));
        assertTrue(((ObjectNode) manifest.get("integrity")).remove("partsCrc32") != null);
        Path withoutCrcs = dir.resolve("v4-no-crcs.zip");
        ModelCodecTest.rewrite(model, withoutCrcs, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(withoutCrcs)).getMessage().contains("records no CRC-32"));
        manifest.put("formatVersion", ModelManifest.OLDEST_SEALED_VERSION);
        Path older = dir.resolve("no-crcs.zip");
        ModelCodecTest.rewrite(model, older, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        assertEquals(ModelCodec.load(model).manifest().integrity().parts(), ModelCodec.load(older).manifest().integrity().parts());
        assertNull(ModelCodec.load(older).manifest().integrity().partsCrc32());

        Path flipped = withParameterBitFlipped(older, "no-crcs-flipped.zip");
        String message = assertThrows(UserError.class, () -> ModelCodec.load(flipped)).getMessage();
        assertTrue(message.contains("part 'parameters.f32' does not match the SHA-256 its manifest records"), message);

        manifest.put("formatVersion", ModelManifest.FORMAT_VERSION);
        ((ObjectNode) manifest.get("integrity")).putObject("partsCrc32").put(ModelCodec.PARAMETERS, "00000000");
        Path partial = dir.resolve("partial-crcs.zip");
        ModelCodecTest.rewrite(model, partial, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        message = assertThrows(UserError.class, () -> ModelCodec.load(partial)).getMessage();
        assertTrue(message.contains("has no valid CRC-32 in its manifest") && !message.contains("\n"), message);
        ((ObjectNode) manifest.get("integrity")).remove("partsCrc32");
        ObjectNode nulls = ((ObjectNode) manifest.get("integrity")).putObject("partsCrc32");
        manifest.get("integrity").get("parts").fieldNames().forEachRemaining(entry -> nulls.putNull(entry));
        Path nullCrcs = dir.resolve("null-crcs.zip");
        ModelCodecTest.rewrite(model, nullCrcs, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        message = assertThrows(UserError.class, () -> ModelCodec.load(nullCrcs)).getMessage();
        assertTrue(message.contains("has no valid CRC-32 in its manifest"), message);
    }

    @Test
    void swappedOrDuplicatedLabelsAreRefused() throws IOException {
        String manifest = new String(ModelCodecTest.readEntry(model, ModelCodec.MANIFEST), StandardCharsets.UTF_8);
        String swapped = manifest.replaceFirst("\"neutral\", \"pro_withdrawal\"", "\"pro_withdrawal\", \"neutral\"");
        assertTrue(!swapped.equals(manifest), "the test edit did not apply");
        Path unsealed = dir.resolve("swapped.zip");
        ModelCodecTest.rewriteUnsealed(model, unsealed, ModelCodec.MANIFEST, swapped.getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(unsealed)).getMessage()
                .contains("part 'manifest.json' does not match the SHA-256 in 'manifest.sha256'"));
        Path resealed = dir.resolve("swapped-resealed.zip");
        ModelCodecTest.rewrite(model, resealed, ModelCodec.MANIFEST, swapped.getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(resealed)).getMessage().contains("label lists do not match"));
        String twice = manifest.replaceFirst("\"neutral\", \"pro_withdrawal\"", "\"neutral\", \"neutral\"");
        Path duplicate = dir.resolve("twice.zip");
        ModelCodecTest.rewrite(model, duplicate, ModelCodec.MANIFEST, twice.getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(duplicate)).getMessage().contains("lists a label twice"));
    }

    @Test
    void duplicateKeysAndEntriesAreRefused() throws IOException {
        String manifest = new String(ModelCodecTest.readEntry(model, ModelCodec.MANIFEST), StandardCharsets.UTF_8);
        Path keys = dir.resolve("keys.zip");
        ModelCodecTest.rewrite(model, keys, ModelCodec.MANIFEST, manifest.replaceFirst("\\{", "{\"bestEpoch\" : 1, ").getBytes(StandardCharsets.UTF_8));
        String message = assertThrows(UserError.class, () -> ModelCodec.load(keys)).getMessage();
        assertTrue(message.contains("Duplicate field 'bestEpoch'") && !message.contains("\n"), message);
        // A second vocabulary.tsv: written as 'vocabulary.tsX' (ZipOutputStream refuses duplicate names), then renamed in the bytes.
        Path decoy = dir.resolve("decoy.zip");
        ModelCodecTest.addEntry(model, decoy, "vocabulary.tsX", new byte[] {1});
        byte[] bytes = Files.readAllBytes(decoy);
        byte[] from = "vocabulary.tsX".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                bytes[i + from.length - 1] = 'v';
            }
        }
        Path twice = dir.resolve("entries-twice.zip");
        Files.write(twice, bytes);
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(twice)).getMessage().contains("'vocabulary.tsv' appears twice"));
    }

    @Test
    void addedMissingOrOutOfRangePartsAreRefused() throws IOException {
        Path added = dir.resolve("added.zip");
        ModelCodecTest.addEntry(model, added, "extra.bin", new byte[] {1});
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(added)).getMessage().contains("part 'extra.bin' is not listed"));
        Map<String, byte[]> entries = ModelCodecTest.entries(model);
        entries.remove(ModelSeal.ENTRY);
        Path unsealed = dir.resolve("unsealed.zip");
        ModelCodecTest.write(unsealed, entries);
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(unsealed)).getMessage().contains("integrity record"));
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(ModelCodecTest.readEntry(TestData.REPO.resolve("models/iraq-presence.zip"), ModelCodec.MANIFEST));
        ((ObjectNode) node.get("embeddings")).put("dimension", -100);
        Path negative = dir.resolve("negative.zip");
        ModelCodecTest.rewrite(TestData.REPO.resolve("models/iraq-presence.zip"), negative, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(node));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(negative)).getMessage().contains("dimension -100 is out of range"));
    }

    /** A version-2 file (no seal) is refused by load, naming the command that re-saves it; re-saved, it scores the same. */
    @Test
    void anOlderModelIsReSavedWithItsScoresUnchanged() throws IOException {
        Map<String, byte[]> entries = ModelCodecTest.entries(model);
        entries.remove(ModelSeal.ENTRY);
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(entries.get(ModelCodec.MANIFEST));
        node.remove("integrity");
        node.put("formatVersion", 2);
        entries.put(ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(node));
        Path old = dir.resolve("v2.zip");
        ModelCodecTest.write(old, entries);
        String message = assertThrows(UserError.class, () -> ModelCodec.load(old)).getMessage();
        assertTrue(message.contains("format version 2") && message.contains("stance upgrade-model"), message);
        ModelCodec.Loaded loaded = ModelCodec.loadForUpgrade(old);
        Path upgraded = dir.resolve("v3.zip");
        ModelCodec.save(upgraded, loaded.manifest(), loaded.classifier());
        Map<String, float[][]> scores = ModelCodec.load(upgraded).classifier().predict(texts, targets);
        for (String task : reference.keySet()) {
            for (int r = 0; r < texts.size(); r++) {
                assertArrayEquals(reference.get(task)[r], scores.get(task)[r], 0f);
            }
        }
        assertEquals(ModelManifest.FORMAT_VERSION, ModelCodec.readManifest(upgraded).formatVersion());
    }
}
