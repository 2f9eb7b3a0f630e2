package org.stance.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.stance.io.AtomicFile;
import org.stance.UserError;
import org.stance.embed.Float16;
import org.stance.embed.WordEmbeddings;
import org.stance.io.Background;
import org.stance.quantize.ProductCodes;
import org.stance.text.NormalizerConfig;

/**
 * The embeddings' own zip layout, version {@value #FORMAT_VERSION}; every entry name is preceded by
 * a prefix so that a classifier can keep its vectors in its own zip:
 * <pre>
 * manifest.properties   format, formatVersion, dimension, sizes, n-gram and normaliser settings, provenance
 * words.tsv             word TAB training count, one per line, most frequent first (UTF-8)
 * words.f16             the word vectors, row after row, float16 little-endian
 * ngrams.tsv            n-gram TAB weight, one per line
 * ngrams.f16            the n-gram vectors, float16 little-endian
 * </pre>
 * A quantized model's vectors ({@code vectorEncoding=pq8}) are {@code words.pq} and {@code ngrams.pq}
 * instead, product-quantized ({@link QuantizedParts}; sub-dimension and centroids in the manifest).
 * Raw float16 hardly deflates, so the vector entries are STORED and the text entries DEFLATED.
 * Reading checks every declared count against {@link #MAX_WORDS}, {@link #MAX_NGRAMS} and
 * {@link #MAX_DIMENSION} before allocating, and reads no entry beyond the size those imply.
 */
public final class EmbeddingsCodec {

    static final String FORMAT = "stance-embeddings";
    static final int FORMAT_VERSION = 1;

    static final String MANIFEST = "manifest.properties";
    static final String WORDS = "words.tsv";
    static final String WORD_VECTORS = "words.f16";
    static final String NGRAMS = "ngrams.tsv";
    static final String NGRAM_VECTORS = "ngrams.f16";
    static final String WORD_CODES = "words.pq";
    static final String NGRAM_CODES = "ngrams.pq";
    static final String FLOAT16 = "float16-le";
    static final String PQ8 = "pq8";

    private static final String NORMALIZER_KEY = "normalizer.";
    private static final String PROVENANCE_KEY = "provenance.";

    static final int MAX_WORDS = WordEmbeddings.MAX_WORDS;
    static final int MAX_NGRAMS = 10_000_000;
    static final int MAX_DIMENSION = WordEmbeddings.MAX_DIMENSION;
    /** Values of one vector table (words × dimension): 400 MB as float16, far above the shipped 2M and 5M. */
    static final long MAX_VECTOR_VALUES = 100_000_000L;
    /** Text entries: a word or n-gram line is far below this many bytes on average. */
    private static final int MAX_LINE_BYTES = 256;

    private EmbeddingsCodec() {
    }

    public static void save(WordEmbeddings e, Path file) {
        try {
            AtomicFile.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                writeTo(e, new Parts.Writer(zip), "");
                zip.finish();
            });
        } catch (IOException ex) {
            throw new UserError("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static WordEmbeddings load(Path file) {
        try (ZipFile zip = ZipEntries.open(file, "embeddings")) {
            if (zip.getEntry(ModelCodec.MANIFEST) != null) {
                return fromModel(zip, file);
            }
            return readFrom(zip, "", file.toString());
        } catch (IOException ex) {
            throw new UserError("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A model that carries vectors can give them to a new training run: retraining the shipped
     * model then reuses its exact vectors, which keeps it reproducible without the 16-minute
     * embedding run (whose DL4J sampling is not seedable).
     */
    private static WordEmbeddings fromModel(ZipFile zip, Path file) {
        if (zip.stream().noneMatch(e -> e.getName().startsWith(ModelCodec.EMBEDDINGS))) {
            throw new UserError(file + ": this model carries no word vectors to reuse");
        }
        return readFrom(ModelCodec.sealedParts(zip, file), ModelCodec.EMBEDDINGS);
    }

    /** Writes the embeddings into another zip (a model), every entry name preceded by {@code prefix}. */
    public static void writeTo(WordEmbeddings e, ZipOutputStream zip, String prefix) throws IOException {
        writeTo(e, new Parts.Writer(zip), prefix);
    }

    static void writeTo(WordEmbeddings e, Parts.Writer zip, String prefix) throws IOException {
        writeTo(e, zip, prefix, null, null);
    }

    /** The same with the vectors product-quantized: {@code words} and {@code ngrams} encode e's tables (null: float16). */
    static void writeTo(WordEmbeddings e, Parts.Writer zip, String prefix, ProductCodes wordCodes, ProductCodes ngramCodes) throws IOException {
        WordEmbeddings.Parts p = e.parts();
        zip.deflated(prefix + MANIFEST, manifest(p, wordCodes, ngramCodes).getBytes(StandardCharsets.UTF_8));
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < p.words().length; i++) {
            vocab.append(p.words()[i]).append('\t').append(p.counts()[i]).append('\n');
        }
        zip.deflated(prefix + WORDS, vocab.toString().getBytes(StandardCharsets.UTF_8));
        if (wordCodes == null) {
            zip.stored(prefix + WORD_VECTORS, float16(p.wordVectors(), prefix + WORD_VECTORS));
        } else {
            zip.stored(prefix + WORD_CODES, QuantizedParts.table(wordCodes));
        }
        StringBuilder grams = new StringBuilder();
        for (int i = 0; i < p.ngrams().length; i++) {
            grams.append(p.ngrams()[i]).append('\t').append(p.ngramWeights()[i]).append('\n');
        }
        zip.deflated(prefix + NGRAMS, grams.toString().getBytes(StandardCharsets.UTF_8));
        if (ngramCodes == null) {
            zip.stored(prefix + NGRAM_VECTORS, float16(p.ngramVectors(), prefix + NGRAM_VECTORS));
        } else {
            zip.stored(prefix + NGRAM_CODES, QuantizedParts.table(ngramCodes));
        }
    }

    /** Reads what {@link #writeTo} wrote under {@code prefix}; {@code name} names the file in errors. */
    public static WordEmbeddings readFrom(ZipFile zip, String prefix, String name) {
        return readFrom(Parts.Reader.unsealed(zip, name), prefix);
    }

    static WordEmbeddings readFrom(Parts.Reader zip, String prefix) {
        String name = zip.name();
        Properties m = properties(zip.read(prefix + MANIFEST, 1 << 20), name);
        String format = m.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new UserError(name + ": not a stance embeddings artifact (format '" + format + "', expected '" + FORMAT + "')");
        }
        String version = m.getProperty("formatVersion");
        if (!String.valueOf(FORMAT_VERSION).equals(version)) {
            throw new UserError(name + ": embeddings format version " + version + ", but this version of stance reads format version "
                    + FORMAT_VERSION + "; retrain or convert the embeddings with this version");
        }
        int dim = intProperty(m, "dimension", name, MAX_DIMENSION);
        int vocabularySize = intProperty(m, "vocabularySize", name, MAX_WORDS);
        int ngramCount = intProperty(m, "ngram.count", name, MAX_NGRAMS);
        if ((long) vocabularySize * dim > MAX_VECTOR_VALUES || (long) ngramCount * dim > MAX_VECTOR_VALUES) {
            throw new UserError(name + ": the manifest declares " + vocabularySize + " words and " + ngramCount + " n-grams of dimension " + dim
                    + ", more than the " + MAX_VECTOR_VALUES + " values per table this format allows");
        }
        String encoding = m.getProperty("vectorEncoding", FLOAT16);
        if (!FLOAT16.equals(encoding) && !PQ8.equals(encoding)) {
            throw new UserError(name + ": unknown vector encoding '" + encoding + "' in " + prefix + MANIFEST);
        }
        boolean pq = PQ8.equals(encoding);
        int sub = pq ? intProperty(m, "pq.subDimension", name, MAX_DIMENSION) : 0;
        VectorCoding wordCoding = pq ? new VectorCoding(prefix + WORD_CODES, sub, intProperty(m, "pq.wordCentroids", name, 256))
                : new VectorCoding(prefix + WORD_VECTORS, 0, 0);
        VectorCoding ngramCoding = pq ? new VectorCoding(prefix + NGRAM_CODES, sub, intProperty(m, "pq.ngramCentroids", name, 256))
                : new VectorCoding(prefix + NGRAM_VECTORS, 0, 0);
        // The n-gram table (the larger half) is read and checked on another thread while this one reads the
        // words (one sentence, whole process: 0.296 -> 0.289 s against reading it first, 21 alternating runs),
        // then decoded on a thread that nothing waits for until a word outside the vocabulary needs n-grams.
        java.util.concurrent.CompletableFuture<RawTable> ngramRead = Background.start("stance-ngrams-read",
                () -> raw(zip, prefix + NGRAMS, ngramCoding, ngramCount, dim));
        Table words;
        RawTable ngramBytes;
        try {
            words = decode(raw(zip, prefix + WORDS, wordCoding, vocabularySize, dim), vocabularySize, dim, name);
            ngramBytes = Background.result(ngramRead); // before the load returns: its caller then closes the zip
        } finally {
            Background.finish(ngramRead);
        }
        long[] counts = new long[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            counts[i] = (long) words.numbers()[i];
        }
        Map<String, Boolean> norm = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        for (String key : new TreeSet<>(m.stringPropertyNames())) {
            if (key.startsWith(NORMALIZER_KEY)) {
                norm.put(key.substring(NORMALIZER_KEY.length()), Boolean.parseBoolean(m.getProperty(key)));
            } else if (key.startsWith(PROVENANCE_KEY)) {
                provenance.put(key.substring(PROVENANCE_KEY.length()), m.getProperty(key));
            }
        }
        NormalizerConfig normalizer;
        try {
            normalizer = NormalizerConfig.fromMap(norm);
        } catch (IllegalArgumentException ex) {
            throw new UserError(name + ": " + ex.getMessage() + " in " + prefix + MANIFEST, ex);
        }
        int minN = intProperty(m, "ngram.min", name, 64);
        int maxN = intProperty(m, "ngram.max", name, 64);
        long tokenCount = intOrLong(m, "tokenCount", name);
        java.util.concurrent.CompletableFuture<WordEmbeddings.Parts> ngrams = Background.start("stance-embeddings-load", () -> {
            try {
                Table t = decode(ngramBytes, ngramCount, dim, name);
                float[] weights = new float[ngramCount];
                for (int i = 0; i < ngramCount; i++) {
                    weights[i] = (float) t.numbers()[i];
                }
                return new WordEmbeddings.Parts(new String[0], new long[0], new float[0], dim, minN, maxN, t.keys(), t.vectors(), weights,
                        tokenCount, normalizer, provenance);
            } catch (IllegalArgumentException ex) {
                throw new UserError(name + ": inconsistent embeddings: " + ex.getMessage(), ex);
            }
        });
        try {
            return WordEmbeddings.ofHalfPrecision(new WordEmbeddings.Parts(words.keys(), counts, words.vectors(), dim, minN, maxN, new String[0],
                    new float[0], new float[0], tokenCount, normalizer, provenance), ngrams);
        } catch (IllegalArgumentException ex) {
            throw new UserError(name + ": inconsistent embeddings: " + ex.getMessage(), ex);
        }
    }

    /** A word or n-gram list (key TAB number, one per line) and its float16 vectors, row for row. */
    private record Table(String[] keys, double[] numbers, float[] vectors) {
    }

    /** Where a table's vectors are and how they are stored: {@code subDimension} 0 for float16, else product-quantized. */
    private record VectorCoding(String entry, int subDimension, int centroids) {
    }

    /** A table's two parts as read (and checked) from the file, not yet decoded. */
    private record RawTable(String listEntry, byte[] list, VectorCoding coding, byte[] vectors) {
    }

    private static RawTable raw(Parts.Reader zip, String listEntry, VectorCoding coding, int rows, int dim) {
        byte[] list = text(zip, listEntry, rows, zip.name());
        byte[] vectors = coding.subDimension() > 0
                ? zip.read(coding.entry(), QuantizedParts.tableBytes(rows, dim, Math.max(1, coding.subDimension()), coding.centroids()))
                : vectors(zip, coding.entry(), (long) rows * dim, zip.name());
        return new RawTable(listEntry, list, coding, vectors);
    }

    private static Table decode(RawTable raw, int rows, int dim, String name) {
        String[] keys = new String[rows];
        double[] numbers = new double[rows];
        TsvCursor list = new TsvCursor(raw.list(), name, raw.listEntry(), 2);
        for (int i = 0; i < rows; i++) {
            nextRow(list, rows);
            keys[i] = list.text();
            numbers[i] = list.decimal();
        }
        nextRow(list, rows);
        VectorCoding coding = raw.coding();
        if (coding.subDimension() > 0) {
            return new Table(keys, numbers, QuantizedParts.table(raw.vectors(), rows, dim, coding.subDimension(), coding.centroids(), coding.entry(), name));
        }
        return new Table(keys, numbers, floats(raw.vectors(), rows * dim, coding.entry(), name));
    }

    private static String manifest(WordEmbeddings.Parts e, ProductCodes wordCodes, ProductCodes ngramCodes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", String.valueOf(FORMAT_VERSION));
        m.put("dimension", String.valueOf(e.dimension()));
        m.put("vocabularySize", String.valueOf(e.words().length));
        m.put("tokenCount", String.valueOf(e.tokenCount()));
        m.put("vectorEncoding", wordCodes == null ? FLOAT16 : PQ8);
        if (wordCodes != null) {
            m.put("pq.subDimension", String.valueOf(wordCodes.subDimension()));
            m.put("pq.wordCentroids", String.valueOf(wordCodes.centroids()));
            m.put("pq.ngramCentroids", String.valueOf(ngramCodes.centroids()));
        }
        m.put("ngram.min", String.valueOf(e.minN()));
        m.put("ngram.max", String.valueOf(e.maxN()));
        m.put("ngram.count", String.valueOf(e.ngrams().length));
        e.normalizer().toMap().forEach((k, v) -> m.put(NORMALIZER_KEY + k, String.valueOf(v)));
        e.provenance().forEach((k, v) -> m.put(PROVENANCE_KEY + k, v));
        StringWriter out = new StringWriter();
        try {
            new OrderedProperties(m).store(out, "stance word embeddings");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toString();
    }

    /** Properties written in insertion order, so that the manifest reads top-down. */
    private static final class OrderedProperties extends Properties {
        private final List<Object> order;

        OrderedProperties(Map<String, String> values) {
            values.forEach(this::put);
            order = new ArrayList<>(values.keySet());
        }

        @Override
        public synchronized Enumeration<Object> keys() {
            return Collections.enumeration(order);
        }

        @Override
        public java.util.Set<Map.Entry<Object, Object>> entrySet() {
            java.util.Set<Map.Entry<Object, Object>> entries = new java.util.LinkedHashSet<>();
            for (Object k : order) {
                entries.add(Map.entry(k, get(k)));
            }
            return entries;
        }
    }

    private static byte[] float16(float[] values, String entry) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!(Math.abs(v) <= Float16.MAX)) {
                throw new UserError("cannot store " + entry + ": value " + v + " is not finite or beyond the float16 range ±65504");
            }
            buf.putShort(Float16.fromFloat(v));
        }
        return buf.array();
    }

    private static float[] floats(byte[] bytes, int expected, String entry, String name) {
        if (bytes.length != expected * 2L) {
            throw new UserError(name + ": " + entry + " holds " + bytes.length + " bytes, expected " + expected * 2L + " (truncated or corrupt)");
        }
        short[] halves = new short[expected];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(halves);
        float[] out = new float[expected];
        int bad = Float16.toFloats(halves, out);
        if (bad >= 0) {
            throw new UserError(name + ": " + entry + ": value " + bad + " is " + out[bad] + " (corrupt)");
        }
        return out;
    }


    /**
     * Moves to the next row while fewer than {@code expectedRows} were read; once they all were,
     * checks that the entry ends there. Either way a count that differs from the manifest's is an error.
     */
    private static void nextRow(TsvCursor rows, int expectedRows) {
        int before = rows.line();
        boolean more = rows.nextLine();
        if (more != before < expectedRows) {
            throw new UserError(rows.where() + " lists " + (more ? "more than " + expectedRows : String.valueOf(before)) + " entries, the manifest says "
                    + expectedRows);
        }
    }

    private static Properties properties(byte[] bytes, String name) {
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException ex) {
            throw new UserError(name + ": unreadable " + MANIFEST + ": " + ex.getMessage(), ex);
        }
        return p;
    }

    /** A declared count, refused above what the format allows before anything is allocated for it. */
    private static int intProperty(Properties m, String key, String name, int max) {
        long v = intOrLong(m, key, name);
        if (v < 0 || v > max) {
            throw new UserError(name + ": manifest value " + key + "=" + v + " is out of range (0 to " + max + ")");
        }
        return (int) v;
    }

    private static byte[] text(Parts.Reader zip, String entry, int lines, String name) {
        return zip.read(entry, (long) lines * MAX_LINE_BYTES + 1024);
    }

    private static byte[] vectors(Parts.Reader zip, String entry, long values, String name) {
        return zip.read(entry, values * 2);
    }

    private static long intOrLong(Properties m, String key, String name) {
        String v = m.getProperty(key);
        if (v == null) {
            throw new UserError(name + ": the manifest lacks '" + key + "'");
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException ex) {
            throw new UserError(name + ": manifest value " + key + "='" + v + "' is not a whole number");
        }
    }
}
