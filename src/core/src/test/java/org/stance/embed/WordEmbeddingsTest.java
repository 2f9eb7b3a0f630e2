package org.stance.embed;

import org.stance.artifact.EmbeddingsCodec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.UserError;
import org.stance.text.NormalizerConfig;

/** The embeddings API on small hand-made vectors, imported from a .vec file the test writes. */
class WordEmbeddingsTest {

    /** Two clusters: forces (القوات, الجيش, العسكرية) and economy (النفط, الاسعار, السوق). */
    static final String VEC = """
            8 4
            القوات 1 0.2 0 0
            الجيش 0.9 0.3 0.1 0
            العسكرية 0.8 0.1 0 0.1
            قوات 0.95 0.25 0.05 0
            النفط 0 0 1 0.2
            الاسعار 0.1 0 0.9 0.3
            السوق 0 0.1 0.8 0.2
            في 0.3 0.3 0.3 0.3
            """;

    @TempDir
    static Path dir;
    static WordEmbeddings vectors;

    @BeforeAll
    static void importVec() throws IOException {
        Path vec = dir.resolve("small.vec");
        Files.writeString(vec, VEC);
        vectors = WordEmbeddings.readVec(vec, NormalizerConfig.defaults(), 3, 5, 0);
    }

    @Test
    void importsEveryWordWithItsVector() {
        assertEquals(4, vectors.dimension());
        assertEquals(8, vectors.vocabularySize());
        assertArrayEquals(new float[] {0.9f, 0.3f, 0.1f, 0}, vectors.vector("الجيش").orElseThrow(), 1e-3f);
        assertEquals("imported", vectors.provenance().get("source"));
        assertTrue(vectors.ngramCount() > 0);
    }

    @Test
    void importsAFileWithoutHeaderLine() throws IOException {
        Path vec = dir.resolve("noheader.vec");
        Files.writeString(vec, "a 1 2\nb 3 4\n");
        WordEmbeddings e = WordEmbeddings.readVec(vec, NormalizerConfig.defaults(), 3, 5, 0);
        assertEquals(2, e.dimension());
        assertEquals(2, e.vocabularySize());
    }

    @Test
    void malformedVecLinesAreReportedWithTheirLineNumber() throws IOException {
        Path wrongDim = dir.resolve("dim.vec");
        Files.writeString(wrongDim, "2 3\nا 1 2 3\nب 1 2\n");
        UserError e = assertThrows(UserError.class, () -> WordEmbeddings.readVec(wrongDim, NormalizerConfig.defaults(), 3, 5, 0));
        assertTrue(e.getMessage().contains("dim.vec:3:") && e.getMessage().contains("2 values, expected 3"), e.getMessage());

        Path notNumber = dir.resolve("nan.vec");
        Files.writeString(notNumber, "ا 1 2 3\nب 1 x 3\n");
        e = assertThrows(UserError.class, () -> WordEmbeddings.readVec(notNumber, NormalizerConfig.defaults(), 3, 5, 0));
        assertTrue(e.getMessage().contains("nan.vec:2:") && e.getMessage().contains("not a number"), e.getMessage());

        Path badCount = dir.resolve("count.vec");
        Files.writeString(badCount, "3 2\nا 1 2\n");
        e = assertThrows(UserError.class, () -> WordEmbeddings.readVec(badCount, NormalizerConfig.defaults(), 3, 5, 0));
        assertTrue(e.getMessage().contains("announces 3 words"), e.getMessage());
    }

    @Test
    void anUnseenInflectedFormGetsASubwordVectorNearItsBase() {
        assertFalse(vectors.contains("والقوات"));
        float[] v = vectors.vector("والقوات").orElseThrow();
        assertTrue(Vectors.norm(v, 0, v.length) > 0);
        float[] base = vectors.vector("القوات").orElseThrow();
        float[] unrelated = vectors.vector("النفط").orElseThrow();
        assertTrue(Vectors.cosine(v, base) > Vectors.cosine(v, unrelated) + 0.3,
                Vectors.cosine(v, base) + " vs " + Vectors.cosine(v, unrelated));
        assertTrue(vectors.vector("xyz").isEmpty(), "nothing of xyz is known");
    }

    @Test
    void poolsToAFixedSizeAndZerosWhenNothingIsKnown() {
        List<String> text = List.of("القوات", "في", "الجيش", "xyz");
        for (Pooling p : Pooling.values()) {
            assertEquals(vectors.pooledDimension(p), vectors.pool(text, p).length, p.name());
            assertArrayEquals(new float[vectors.pooledDimension(p)], vectors.pool(List.of("xyz", "qqq"), p), p.name());
        }
        assertEquals(8, vectors.pooledDimension(Pooling.MEAN_MAX));
        assertArrayEquals(new float[] {0.95f, 0.25f, 0.05f, 0}, vectors.pool(List.of("القوات", "الجيش"), Pooling.MEAN), 1e-3f);
        assertArrayEquals(new float[] {1, 0.3f, 0.1f, 0}, vectors.pool(List.of("القوات", "الجيش"), Pooling.MAX), 1e-3f);
        float[] meanMax = vectors.pool(List.of("القوات", "الجيش"), Pooling.MEAN_MAX);
        assertEquals(0.95f, meanMax[0], 1e-3f);
        assertEquals(1f, meanMax[4], 1e-3f);
    }

    @Test
    void sifWeighsFrequentWordsLess() {
        // .vec files carry no counts: file order stands for frequency, so القوات (first) is the most frequent
        assertTrue(vectors.sifWeight("القوات") < vectors.sifWeight("في"));
        float[] sif = vectors.pool(List.of("القوات", "النفط"), Pooling.SIF);
        float[] mean = vectors.pool(List.of("القوات", "النفط"), Pooling.MEAN);
        assertTrue(sif[2] > mean[2], "النفط, the rarer word, pulls the SIF mean towards itself");
    }

    @Test
    void nearestNeighboursComeFromTheSameCluster() {
        List<WordEmbeddings.Neighbour> n = vectors.nearest("القوات", 3);
        assertEquals(3, n.size());
        assertTrue(List.of("قوات", "الجيش", "العسكرية").containsAll(n.stream().map(WordEmbeddings.Neighbour::word).toList()), n.toString());
    }

    @Test
    void saveAndLoadGiveIdenticalVectors() {
        Path file = dir.resolve("roundtrip.zip");
        EmbeddingsCodec.save(vectors, file);
        WordEmbeddings back = EmbeddingsCodec.load(file);
        assertSame(vectors, back);
        assertEquals(vectors.normalizer(), back.normalizer());
        assertEquals(vectors.provenance(), back.provenance());
    }

    @Test
    void topKeepsTheMostFrequentWordsAndTheSubwordTable() {
        WordEmbeddings small = vectors.top(2);
        assertEquals(2, small.vocabularySize());
        assertTrue(small.contains("القوات") && small.contains("الجيش"));
        assertEquals(vectors.ngramCount(), small.ngramCount());
        assertTrue(small.vector("العسكرية").isPresent(), "a dropped word falls back to subwords");
    }

    @Test
    void embedsInAnotherZipUnderAPrefix() throws IOException {
        Path model = dir.resolve("model.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(model))) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            EmbeddingsCodec.writeTo(vectors, zip, "embeddings/");
        }
        try (ZipFile zip = new ZipFile(model.toFile())) {
            assertSame(vectors, EmbeddingsCodec.readFrom(zip, "embeddings/", "test"));
        }
    }

    @Test
    void anotherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path file = dir.resolve("v1.zip");
        EmbeddingsCodec.save(vectors, file);
        Path v2 = dir.resolve("v2.zip");
        rewrite(file, v2, "manifest.properties", s -> s.replace("formatVersion=1", "formatVersion=2"));
        UserError e = assertThrows(UserError.class, () -> EmbeddingsCodec.load(v2));
        assertTrue(e.getMessage().contains("format version 2") && e.getMessage().contains("reads format version 1"), e.getMessage());
    }

    @Test
    void declaredSizesThatWouldOverflowOrExhaustMemoryAreRefused() throws IOException {
        Path file = dir.resolve("sizes.zip");
        EmbeddingsCodec.save(vectors, file);
        Path huge = dir.resolve("huge.zip");
        // 4,294,968 x 1,000 wraps to 704 as an int: the check must be done in long arithmetic.
        rewrite(file, huge, "manifest.properties", s -> s.replaceFirst("ngram.count=\\d+", "ngram.count=4294968").replaceFirst("dimension=\\d+", "dimension=1000"));
        UserError e = assertThrows(UserError.class, () -> EmbeddingsCodec.load(huge));
        assertTrue(e.getMessage().contains("more than the"), e.getMessage());
        Path count = dir.resolve("count.zip");
        rewrite(file, count, "manifest.properties", s -> s.replaceFirst("ngram.count=\\d+", "ngram.count=2147483647"));
        e = assertThrows(UserError.class, () -> EmbeddingsCodec.load(count));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void corruptOrIncompleteFilesGiveAClearError() throws IOException {
        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip at all");
        UserError e = assertThrows(UserError.class, () -> EmbeddingsCodec.load(garbage));
        assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());

        UserError missing = assertThrows(UserError.class, () -> EmbeddingsCodec.load(dir.resolve("absent.zip")));
        assertTrue(missing.getMessage().contains("no such embeddings file"), missing.getMessage());

        Path file = dir.resolve("whole.zip");
        EmbeddingsCodec.save(vectors, file);
        Path partial = dir.resolve("partial.zip");
        rewrite(file, partial, "words.f16", null);
        e = assertThrows(UserError.class, () -> EmbeddingsCodec.load(partial));
        assertTrue(e.getMessage().contains("'words.f16' is missing"), e.getMessage());
    }

    @Test
    void exportsVecThatImportsBackToTheSameVectors() {
        Path out = dir.resolve("export.vec");
        vectors.writeVec(out);
        WordEmbeddings back = WordEmbeddings.readVec(out, NormalizerConfig.defaults(), 3, 5, 0);
        assertSame(vectors, back);
    }

    static void assertSame(WordEmbeddings expected, WordEmbeddings actual) {
        assertEquals(expected.dimension(), actual.dimension());
        assertEquals(expected.vocabularySize(), actual.vocabularySize());
        assertEquals(expected.ngramCount(), actual.ngramCount());
        assertArrayEquals(expected.words().vectors(), actual.words().vectors());
        assertArrayEquals(expected.subwords().vectors(), actual.subwords().vectors());
        for (int i = 0; i < expected.vocabularySize(); i++) {
            assertEquals(expected.words().word(i), actual.words().word(i));
        }
    }

    /** Copies a zip, transforming one text entry, or dropping it when {@code edit} is null. */
    static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<String> edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().equals(entry) && edit == null) {
                    continue;
                }
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(entry)) {
                    data = edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
