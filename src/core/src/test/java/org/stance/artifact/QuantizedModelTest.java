package org.stance.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.UserError;
import org.stance.data.LabeledSentence;
import org.stance.io.Hashes;
import org.stance.quantize.QuantizeConfig;
import org.stance.quantize.Quantizer;

/** A quantized shipped model: what it stores, and that loading it scores exactly as the quantizer's own classifier. */
class QuantizedModelTest {

    @TempDir
    static Path dir;

    static final Path FULL = TestData.REPO.resolve("models/iraq-presence.zip");
    static ModelCodec.Loaded full;
    static Quantizer.Quantized quantized;
    static Path small;

    @BeforeAll
    static void quantize() throws IOException {
        full = ModelCodec.load(FULL);
        // 16 centroids keep k-means fast for a test; the command's default is 256
        quantized = Quantizer.quantize(full.classifier(), full.manifest().trainConfig(), new QuantizeConfig(3_000, 20_000, 4, 16, 5));
        small = dir.resolve("small.zip");
        ModelCodec.save(small, full.manifest(), Hashes.sha256(FULL), null, quantized);
    }

    @Test
    void storesEightBitWeightsAndCodesOnly() throws IOException {
        try (ZipFile zip = new ZipFile(small.toFile())) {
            List<String> names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertTrue(names.containsAll(List.of("parameters.q8", "embeddings/words.pq", "embeddings/ngrams.pq")), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".f32") || n.endsWith(".f16")), names.toString());
        }
        assertTrue(Files.size(small) * 8 < Files.size(FULL), Files.size(small) + " bytes");
        ModelManifest m = ModelCodec.readManifest(small);
        assertNotNull(m.quantization());
        assertEquals(Hashes.sha256(FULL), m.quantization().source());
        assertEquals(full.manifest().features().ngramCount(), m.quantization().featuresBefore());
        assertEquals(3_000, m.features().ngramCount());
        assertEquals(20_000, quantized.classifier().featurizer().embeddings().ngramCount(), "the most widespread 20,000 character n-grams kept");
        assertEquals(Map.of(), m.evaluation(), "the full model's figures are not the quantized one's");
        assertTrue(m.createdAt().compareTo(full.manifest().createdAt()) > 0, "written when it was quantized: " + m.createdAt());
        assertNull(full.manifest().quantization());
    }

    @Test
    void loadedModelScoresExactlyAsTheQuantizersClassifier() {
        List<LabeledSentence> probe = TestData.head("test", 120);
        Map<String, float[][]> expected = quantized.classifier().predictRows(probe);
        Map<String, float[][]> loaded = ModelCodec.load(small).classifier().predictRows(probe);
        for (String task : expected.keySet()) {
            for (int i = 0; i < probe.size(); i++) {
                assertArrayEquals(expected.get(task)[i], loaded.get(task)[i], task + " row " + i);
            }
        }
        // and it still reads the text: most sentences keep the full model's stance
        Map<String, float[][]> before = full.classifier().predictRows(probe);
        int same = 0;
        for (int i = 0; i < probe.size(); i++) {
            same += argmax(before.get("stance")[i]) == argmax(loaded.get("stance")[i]) ? 1 : 0;
        }
        assertTrue(same >= 0.8 * probe.size(), same + " of " + probe.size() + " stances unchanged");
    }

    @Test
    void retrainingFitsTheKeptFeaturesAndIsRecorded() {
        List<LabeledSentence> rows = TestData.head("train", 400);
        Quantizer.Quantized refit = Quantizer.quantize(full.classifier(), full.manifest().trainConfig(), new QuantizeConfig(3_000, 20_000, 4, 16, 5),
                new Quantizer.Retraining(rows, List.of(), Map.of(), s -> { }));
        assertEquals(quantized.classifier().featurizer(), refit.classifier().featurizer(), "the same features are kept either way");
        Path file = dir.resolve("refit.zip");
        ModelCodec.save(file, full.manifest(), "f".repeat(64), "e".repeat(64), refit);
        assertEquals("e".repeat(64), ModelCodec.readManifest(file).quantization().retrainedOn());
        List<LabeledSentence> probe = TestData.head("dev", 50);
        Map<String, float[][]> expected = refit.classifier().predictRows(probe);
        Map<String, float[][]> loaded = ModelCodec.load(file).classifier().predictRows(probe);
        for (int i = 0; i < probe.size(); i++) {
            assertArrayEquals(expected.get("stance")[i], loaded.get("stance")[i], "row " + i);
        }
        // fitted on 400 sentences, not the full model's weights: its scores differ from the pruned copy's
        assertTrue(!java.util.Arrays.equals(expected.get("stance")[0], quantized.classifier().predictRows(probe).get("stance")[0]));
    }

    @Test
    void aTruncatedQuantizedPartIsRefusedByName() throws IOException {
        Path bad = dir.resolve("bad.zip");
        byte[] q8;
        try (ZipFile zip = new ZipFile(small.toFile())) {
            q8 = zip.getInputStream(zip.getEntry("parameters.q8")).readAllBytes();
        }
        byte[] shorter = java.util.Arrays.copyOf(q8, q8.length - 10);
        try (ZipFile zip = new ZipFile(small.toFile()); var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(bad))) {
            for (var e : java.util.Collections.list(zip.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals("parameters.q8") ? shorter : zip.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
        UserError e = assertThrows(UserError.class, () -> ModelCodec.load(bad));
        assertTrue(e.getMessage().contains("parameters.q8"), e.getMessage());
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }
}
