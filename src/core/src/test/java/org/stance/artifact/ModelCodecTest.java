package org.stance.artifact;

import org.stance.curation.IraqPresence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.UserError;
import org.stance.jobs.TrainRequest;
import org.stance.jobs.TrainingJob;
import org.stance.data.LabeledSentence;
import org.stance.data.DatasetWriter;

class ModelCodecTest {

    @TempDir
    static Path dir;

    static Path model;
    static TrainingJob.Outcome trained;
    static List<LabeledSentence> probe;

    @BeforeAll
    static void trainSmallModel() {
        Path train = dir.resolve("train.csv");
        Path dev = dir.resolve("dev.csv");
        DatasetWriter.write(train, TestData.head("train", 600));
        DatasetWriter.write(dev, TestData.head("dev", 150));
        model = dir.resolve("model.zip");
        trained = new TrainingJob(s -> { }).run(new TrainRequest(train, dev, null, model, TestData.quickConfig(List.of()), IraqPresence.knownLabels()));
        probe = TestData.head("test", 60);
    }

    /** The streaming manifest reader gives what Jackson's data binding gives, for a fresh model and the shipped one. */
    @Test
    void streamedManifestEqualsDataBinding() throws IOException {
        for (Path file : List.of(model, TestData.REPO.resolve("models/iraq-presence.zip"))) {
            byte[] bytes;
            try (ZipFile zip = new ZipFile(file.toFile())) {
                bytes = zip.getInputStream(zip.getEntry(ModelCodec.MANIFEST)).readAllBytes();
            }
            ModelManifest streamed = ModelCodec.streamed(bytes);
            assertTrue(streamed != null, file + " was not read by the streaming reader");
            assertEquals(ModelCodec.bound(bytes, file, ModelManifest.OLDEST_SEALED_VERSION), streamed, file.toString());
        }
        // Shapes it does not bind go to data binding, which reads or refuses them: an unknown property,
        // a string where a list belongs, another format version.
        byte[] bytes;
        try (ZipFile zip = new ZipFile(model.toFile())) {
            bytes = zip.getInputStream(zip.getEntry(ModelCodec.MANIFEST)).readAllBytes();
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        for (String changed : List.of(json.replaceFirst("\\{", "{\"surprise\": 1, "), json.replaceFirst("\"targets\"\\s*:\\s*\\[\\s*\\]", "\"targets\": \"x\""),
                json.replaceFirst("\"formatVersion\"\\s*:\\s*" + ModelManifest.FORMAT_VERSION, "\"formatVersion\": 99"))) {
            assertTrue(!changed.equals(json), "the test edit did not apply");
            assertEquals(null, ModelCodec.streamed(changed.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void saveReloadGivesIdenticalPredictions() {
        ModelCodec.Loaded loaded = ModelCodec.load(model);
        List<String> texts = probe.stream().map(LabeledSentence::text).toList();
        List<String> targets = probe.stream().map(LabeledSentence::target).toList();
        assertTrue(loaded.classifier().featurizer().articleContext() > 0, "the test model has the article context block");
        for (boolean inArticles : new boolean[] {false, true}) {
            Map<String, float[][]> before = inArticles ? trained.classifier().predictRows(probe) : trained.classifier().predict(texts, targets);
            Map<String, float[][]> after = inArticles ? loaded.classifier().predictRows(probe) : loaded.classifier().predict(texts, targets);
            assertEquals(before.keySet(), after.keySet());
            for (String task : before.keySet()) {
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(before.get(task)[i], after.get(task)[i], 0f, task + " row " + i);
                }
            }
        }
        assertEquals(trained.manifest(), loaded.manifest());
    }

    @Test
    void manifestRecordsFormatProvenanceAndFigures() throws IOException {
        ModelManifest m = ModelCodec.readManifest(model);
        assertEquals(ModelManifest.FORMAT, m.format());
        assertEquals(ModelManifest.FORMAT_VERSION, m.formatVersion());
        assertEquals(List.of("stance", "topic"), List.copyOf(m.labels().keySet()));
        assertEquals(List.of("neutral", "pro_withdrawal", "skeptical", "status_quo"), m.labels().get("stance"));
        ModelManifest.Data train = m.data().get(0);
        assertEquals("train", train.role());
        assertEquals(org.stance.io.Hashes.sha256(Files.readAllBytes(dir.resolve("train.csv"))), train.sha256());
        assertTrue(m.evaluation().get("dev").get("stance").macroF1() > 0);
        assertTrue(m.history().size() >= 1 && m.bestEpoch() >= 1);
        // --offset-folds auto is recorded as what it became (no offsets for these labels): a release before auto reads it
        assertEquals(org.stance.model.TrainConfig.AUTO_OFFSET_FOLDS, TestData.quickConfig(List.of()).offsetFolds());
        assertEquals(0, m.network().offsetFolds());
    }

    @Test
    void sameSeedSameDataGivesTheSameModel() {
        Path again = dir.resolve("again.zip");
        TrainingJob.Outcome second = new TrainingJob(s -> { }).run(new TrainRequest(dir.resolve("train.csv"), dir.resolve("dev.csv"),
                null, again, TestData.quickConfig(List.of()), IraqPresence.knownLabels()));
        assertEquals(trained.manifest().evaluation(), second.manifest().evaluation());
        assertArrayEquals(trained.classifier().parameters(), second.classifier().parameters());
    }

    @Test
    void otherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path old = dir.resolve("old.zip");
        String manifest = new String(readEntry(model, ModelCodec.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + ModelManifest.FORMAT_VERSION, "\"formatVersion\" : 99");
        rewrite(model, old, ModelCodec.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        String msg = assertThrows(UserError.class, () -> ModelCodec.load(old)).getMessage();
        assertTrue(msg.contains("model format version 99") && msg.contains("reads format versions 3 to " + ModelManifest.FORMAT_VERSION), msg);
    }

    @Test
    void corruptOrForeignFilesAreClearErrors() throws IOException {
        Path notZip = Files.writeString(dir.resolve("notzip.zip"), "hello");
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(notZip)).getMessage().contains("not a zip archive"));
        Path foreign = dir.resolve("foreign.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(foreign))) {
            z.putNextEntry(new ZipEntry("other.txt"));
            z.closeEntry();
        }
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(foreign)).getMessage().contains("not a stance model"));
        Path broken = dir.resolve("broken.zip");
        rewrite(model, broken, ModelCodec.PARAMETERS, new byte[] {1, 2, 3});
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(broken)).getMessage().contains("corrupt model"));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(dir.resolve("missing.zip"))).getMessage().contains("no such model file"));
    }

    /** A value that is not finite, in the layer's parameters or in the word vectors, is named with its place. */
    @Test
    void nonFiniteValuesAreRefusedWithTheirIndex() throws IOException {
        Path shipped = TestData.REPO.resolve("models/iraq-presence.zip");
        byte[] parameters;
        byte[] words;
        try (ZipFile zip = new ZipFile(shipped.toFile())) {
            parameters = zip.getInputStream(zip.getEntry(ModelCodec.PARAMETERS)).readAllBytes();
            words = zip.getInputStream(zip.getEntry(ModelCodec.EMBEDDINGS + "words.f16")).readAllBytes();
        }
        java.nio.ByteBuffer.wrap(parameters).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4 * 1234, Float.NaN);
        Path badParameter = dir.resolve("nan-parameter.zip");
        rewrite(shipped, badParameter, ModelCodec.PARAMETERS, parameters);
        String message = assertThrows(UserError.class, () -> ModelCodec.load(badParameter)).getMessage();
        assertTrue(message.contains("parameter 1234 is NaN"), message);
        java.nio.ByteBuffer.wrap(words).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(2 * 777, (short) 0x7C00);
        Path badVector = dir.resolve("infinite-vector.zip");
        rewrite(shipped, badVector, ModelCodec.EMBEDDINGS + "words.f16", words);
        message = assertThrows(UserError.class, () -> ModelCodec.load(badVector)).getMessage();
        assertTrue(message.contains("words.f16: value 777 is Infinity (corrupt)"), message);
        // The n-gram table decodes after the load returns, while scoring starts: its error is thrown
        // where the table is first needed (a word outside the vocabulary), named as the words' is.
        byte[] ngrams;
        try (ZipFile zip = new ZipFile(shipped.toFile())) {
            ngrams = zip.getInputStream(zip.getEntry(ModelCodec.EMBEDDINGS + "ngrams.f16")).readAllBytes();
        }
        java.nio.ByteBuffer.wrap(ngrams).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(2 * 777, (short) 0x7C00);
        Path badNgram = dir.resolve("infinite-ngram.zip");
        rewrite(shipped, badNgram, ModelCodec.EMBEDDINGS + "ngrams.f16", ngrams);
        ModelCodec.Loaded loaded = ModelCodec.load(badNgram);
        message = assertThrows(UserError.class, () -> loaded.classifier().featurizer().embeddings().ngramCount()).getMessage();
        assertTrue(message.contains("ngrams.f16: value 777 is Infinity (corrupt)"), message);
    }

    /** Set when a Tripwire is deserialized: loading a model must never do that. */
    static volatile boolean tripped;

    static final class Tripwire implements java.io.Serializable {
        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @Test
    void serializedObjectsInAModelFileAreNeverInstantiated() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new Tripwire());
        }
        byte[] serialized = bytes.toByteArray();
        // A format-1 style file (a DL4J network zip whose preprocessor.bin is a Java object stream) ...
        java.io.ByteArrayOutputStream net = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(net)) {
            z.putNextEntry(new ZipEntry("preprocessor.bin"));
            z.write(serialized);
            z.closeEntry();
        }
        Path hostile = dir.resolve("hostile.zip");
        rewrite(model, hostile, ModelCodec.PARAMETERS, serialized);
        Path withNetwork = dir.resolve("hostile-network.zip");
        addEntry(hostile, withNetwork, "network.dl4j.zip", net.toByteArray());
        long start = System.nanoTime();
        assertThrows(UserError.class, () -> ModelCodec.load(withNetwork));
        // ... and the same file claiming format 1, as the old loader read it.
        Path v1 = dir.resolve("hostile-v1.zip");
        String manifest = new String(readEntry(withNetwork, ModelCodec.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + ModelManifest.FORMAT_VERSION, "\"formatVersion\" : 1");
        rewrite(withNetwork, v1, ModelCodec.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(v1)).getMessage().contains("format version 1"));
        assertTrue(!tripped, "a serialized object in the model file was instantiated");
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "refusing a hostile file must be fast");
    }

    @Test
    void entriesThatInflateBeyondTheirLimitAreRefusedBeforeTheyFillMemory() throws IOException {
        Path bomb = dir.resolve("bomb.zip");
        rewrite(model, bomb, ModelCodec.VOCABULARY, new byte[64 << 20]); // 64 MB of zeros deflate to ~64 KB
        assertTrue(Files.size(bomb) < Files.size(model) + (1 << 20));
        String msg = assertThrows(UserError.class, () -> ModelCodec.load(bomb)).getMessage();
        assertTrue(msg.contains("inflates beyond") || msg.contains("declares"), msg);
    }

    @Test
    void declaredCountsAreCheckedBeforeAllocating() throws IOException {
        String manifest = new String(readEntry(model, ModelCodec.MANIFEST), StandardCharsets.UTF_8);
        Path huge = dir.resolve("huge.zip");
        rewrite(model, huge, ModelCodec.MANIFEST, manifest.replaceFirst("\"ngramCount\" : \\d+", "\"ngramCount\" : 2000000000")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(huge)).getMessage().contains("out-of-range"));
        Path params = dir.resolve("params.zip");
        rewrite(model, params, ModelCodec.MANIFEST, manifest.replaceFirst("\"parameters\" : \\d+", "\"parameters\" : 2000000000")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(params)).getMessage().contains("parameters"));
        Path noVersion = dir.resolve("noversion.zip");
        rewrite(model, noVersion, ModelCodec.MANIFEST, manifest.replaceFirst("\"formatVersion\" : \\d+,", "").getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(noVersion)).getMessage().contains("no format version"));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(null)).getMessage().contains("no model file"));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(dir)).getMessage().contains("is a folder"));
    }

    @Test
    void aSparseOrInconsistentManifestIsAClearErrorNotANullPointer() throws IOException {
        String manifest = new String(readEntry(model, ModelCodec.MANIFEST), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(manifest);
        node.remove(List.of("targets", "evaluation", "history", "data"));
        Path sparse = dir.resolve("sparse.zip");
        rewrite(model, sparse, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(node));
        ModelCodec.Loaded loaded = ModelCodec.load(sparse);
        assertEquals(List.of(), loaded.manifest().targets());
        assertTrue(loaded.manifest().evaluation().isEmpty());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("labels")).putArray("extra").add("a").add("b");
        Path extra = dir.resolve("extra.zip");
        rewrite(model, extra, ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(node));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.load(extra)).getMessage().contains("not the labeled tasks"));
        assertTrue(assertThrows(UserError.class, () -> ModelCodec.readManifest(extra)).getMessage().contains("not the labeled tasks"));
    }

    /** Copies a model zip, adding one entry. */
    static void addEntry(Path from, Path to, String entry, byte[] content) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        }
    }

    static byte[] readEntry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    /**
     * Copies a model zip, replacing one entry, and seals the copy again (the part's hash in the
     * manifest, the manifest's in its seal), so that the check under test is the one that refuses it.
     */
    static void rewrite(Path from, Path to, String entry, byte[] content) throws IOException {
        Map<String, byte[]> entries = entries(from);
        entries.put(entry, content);
        if (!entry.equals(ModelCodec.MANIFEST) && !entry.equals(ModelSeal.ENTRY)) {
            com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(entries.get(ModelCodec.MANIFEST));
            ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("integrity").get("parts")).put(entry, org.stance.io.Hashes.sha256(content));
            if (m.get("integrity").get("partsCrc32") instanceof com.fasterxml.jackson.databind.node.ObjectNode crcs) {
                crcs.put(entry, Parts.crc32(content));
            }
            entries.put(ModelCodec.MANIFEST, Json.MAPPER.writeValueAsBytes(m));
        }
        if (!entry.equals(ModelSeal.ENTRY)) {
            entries.put(ModelSeal.ENTRY, ModelSeal.entry(entries.get(ModelCodec.MANIFEST)));
        }
        write(to, entries);
    }

    /** Copies a model zip, replacing one entry and nothing else. */
    static void rewriteUnsealed(Path from, Path to, String entry, byte[] content) throws IOException {
        Map<String, byte[]> entries = entries(from);
        entries.put(entry, content);
        write(to, entries);
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.put(e.getName(), in.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    static void write(Path to, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
