package org.stance.artifact;

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

class ModelArtifactTest {

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
        trained = new TrainingJob(s -> { }).run(new TrainRequest(train, dev, null, model, TestData.quickConfig(List.of()), true));
        probe = TestData.head("test", 60);
    }

    @Test
    void saveReloadGivesIdenticalPredictions() {
        ModelArtifact.Loaded loaded = ModelArtifact.load(model);
        List<String> texts = probe.stream().map(LabeledSentence::text).toList();
        List<String> targets = probe.stream().map(LabeledSentence::target).toList();
        Map<String, float[][]> before = trained.classifier().predict(texts, targets);
        Map<String, float[][]> after = loaded.classifier().predict(texts, targets);
        assertEquals(before.keySet(), after.keySet());
        for (String task : before.keySet()) {
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(before.get(task)[i], after.get(task)[i], 0f, task + " row " + i);
            }
        }
        assertEquals(trained.manifest(), loaded.manifest());
    }

    @Test
    void manifestRecordsFormatProvenanceAndFigures() throws IOException {
        Manifest m = ModelArtifact.readManifest(model);
        assertEquals(Manifest.FORMAT, m.format());
        assertEquals(Manifest.FORMAT_VERSION, m.formatVersion());
        assertEquals(List.of("stance", "topic"), List.copyOf(m.labels().keySet()));
        assertEquals(List.of("neutral", "pro_withdrawal", "skeptical", "status_quo"), m.labels().get("stance"));
        DataProvenance train = m.data().get(0);
        assertEquals("train", train.role());
        assertEquals(org.stance.io.Hashes.sha256(Files.readAllBytes(dir.resolve("train.csv"))), train.sha256());
        assertTrue(m.evaluation().get("dev").get("stance").macroF1() > 0);
        assertTrue(m.history().size() >= 1 && m.bestEpoch() >= 1);
    }

    @Test
    void sameSeedSameDataGivesTheSameModel() {
        Path again = dir.resolve("again.zip");
        TrainingJob.Outcome second = new TrainingJob(s -> { }).run(new TrainRequest(dir.resolve("train.csv"), dir.resolve("dev.csv"),
                null, again, TestData.quickConfig(List.of()), true));
        assertEquals(trained.manifest().evaluation(), second.manifest().evaluation());
        assertEquals(trained.classifier().network().params(), second.classifier().network().params());
    }

    @Test
    void otherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path old = dir.resolve("old.zip");
        String manifest = new String(readEntry(model, ModelArtifact.MANIFEST), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : " + Manifest.FORMAT_VERSION, "\"formatVersion\" : 99");
        rewrite(model, old, ModelArtifact.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        String msg = assertThrows(UserError.class, () -> ModelArtifact.load(old)).getMessage();
        assertTrue(msg.contains("model format version 99") && msg.contains("reads format version " + Manifest.FORMAT_VERSION), msg);
    }

    @Test
    void corruptOrForeignFilesAreClearErrors() throws IOException {
        Path notZip = Files.writeString(dir.resolve("notzip.zip"), "hello");
        assertTrue(assertThrows(UserError.class, () -> ModelArtifact.load(notZip)).getMessage().contains("not a zip archive"));
        Path foreign = dir.resolve("foreign.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(foreign))) {
            z.putNextEntry(new ZipEntry("other.txt"));
            z.closeEntry();
        }
        assertTrue(assertThrows(UserError.class, () -> ModelArtifact.load(foreign)).getMessage().contains("not a stance model"));
        Path broken = dir.resolve("broken.zip");
        rewrite(model, broken, ModelArtifact.NETWORK, new byte[] {1, 2, 3});
        assertTrue(assertThrows(UserError.class, () -> ModelArtifact.load(broken)).getMessage().contains("corrupt model"));
        assertTrue(assertThrows(UserError.class, () -> ModelArtifact.load(dir.resolve("missing.zip"))).getMessage().contains("no such file"));
    }

    static byte[] readEntry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    /** Copies a model zip, replacing one entry. */
    static void rewrite(Path from, Path to, String entry, byte[] content) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(e.getName().equals(entry) ? content : in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
    }
}
