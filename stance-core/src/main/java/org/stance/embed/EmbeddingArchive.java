package org.stance.embed;

import java.io.BufferedReader;
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
 * Raw float16 hardly deflates, so the vector entries are STORED and the text entries DEFLATED.
 */
final class EmbeddingArchive {

    static final String FORMAT = "stance-embeddings";
    static final int FORMAT_VERSION = 1;

    static final String MANIFEST = "manifest.properties";
    static final String WORDS = "words.tsv";
    static final String WORD_VECTORS = "words.f16";
    static final String NGRAMS = "ngrams.tsv";
    static final String NGRAM_VECTORS = "ngrams.f16";

    private static final String NORMALIZER_KEY = "normalizer.";
    private static final String PROVENANCE_KEY = "provenance.";

    private EmbeddingArchive() {
    }

    static void save(WordEmbeddings e, Path file) {
        try {
            AtomicFile.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                writeTo(e, zip, "");
                zip.finish();
            });
        } catch (IOException ex) {
            throw new UserError("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    static WordEmbeddings load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such embeddings file");
        }
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            return readFrom(zip, "", file.toString());
        } catch (ZipException ex) {
            throw new UserError(file + ": not a readable zip (" + ex.getMessage() + "); the file is corrupt or not an embeddings artifact", ex);
        } catch (IOException ex) {
            throw new UserError("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    static void writeTo(WordEmbeddings e, ZipOutputStream zip, String prefix) throws IOException {
        VectorTable words = e.words();
        SubwordTable sub = e.subwords();
        deflated(zip, prefix + MANIFEST, manifest(e).getBytes(StandardCharsets.UTF_8));
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            vocab.append(words.word(i)).append('\t').append(words.count(i)).append('\n');
        }
        deflated(zip, prefix + WORDS, vocab.toString().getBytes(StandardCharsets.UTF_8));
        stored(zip, prefix + WORD_VECTORS, float16(words.vectors(), prefix + WORD_VECTORS));
        StringBuilder grams = new StringBuilder();
        for (int i = 0; i < sub.size(); i++) {
            grams.append(sub.ngram(i)).append('\t').append(sub.weight(i)).append('\n');
        }
        deflated(zip, prefix + NGRAMS, grams.toString().getBytes(StandardCharsets.UTF_8));
        stored(zip, prefix + NGRAM_VECTORS, float16(sub.vectors(), prefix + NGRAM_VECTORS));
    }

    static WordEmbeddings readFrom(ZipFile zip, String prefix, String name) {
        Properties m = properties(bytes(zip, prefix + MANIFEST, name), name);
        String format = m.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new UserError(name + ": not a stance embeddings artifact (format '" + format + "', expected '" + FORMAT + "')");
        }
        String version = m.getProperty("formatVersion");
        if (!String.valueOf(FORMAT_VERSION).equals(version)) {
            throw new UserError(name + ": embeddings format version " + version + ", but this version of stance reads format version "
                    + FORMAT_VERSION + "; retrain or convert the embeddings with this version");
        }
        int dim = intProperty(m, "dimension", name);
        int vocabularySize = intProperty(m, "vocabularySize", name);
        int ngramCount = intProperty(m, "ngram.count", name);
        List<String[]> vocab = tsv(bytes(zip, prefix + WORDS, name), prefix + WORDS, name, vocabularySize);
        String[] words = new String[vocabularySize];
        long[] counts = new long[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            words[i] = vocab.get(i)[0];
            counts[i] = parseNumber(vocab.get(i)[1], prefix + WORDS, i + 1, name).longValue();
        }
        float[] wordVectors = floats(bytes(zip, prefix + WORD_VECTORS, name), vocabularySize * dim, prefix + WORD_VECTORS, name);
        List<String[]> gramRows = tsv(bytes(zip, prefix + NGRAMS, name), prefix + NGRAMS, name, ngramCount);
        String[] grams = new String[ngramCount];
        float[] weights = new float[ngramCount];
        for (int i = 0; i < ngramCount; i++) {
            grams[i] = gramRows.get(i)[0];
            weights[i] = parseNumber(gramRows.get(i)[1], prefix + NGRAMS, i + 1, name).floatValue();
        }
        float[] gramVectors = floats(bytes(zip, prefix + NGRAM_VECTORS, name), ngramCount * dim, prefix + NGRAM_VECTORS, name);
        SubwordTable sub = new SubwordTable(intProperty(m, "ngram.min", name), intProperty(m, "ngram.max", name), dim, grams,
                gramVectors, weights);
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
        try {
            return new WordEmbeddings(new VectorTable(words, counts, wordVectors, dim), sub,
                    intOrLong(m, "tokenCount", name), normalizer, provenance);
        } catch (IllegalArgumentException ex) {
            throw new UserError(name + ": inconsistent embeddings: " + ex.getMessage(), ex);
        }
    }

    static String manifest(WordEmbeddings e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("formatVersion", String.valueOf(FORMAT_VERSION));
        m.put("dimension", String.valueOf(e.dimension()));
        m.put("vocabularySize", String.valueOf(e.vocabularySize()));
        m.put("tokenCount", String.valueOf(e.tokenCount()));
        m.put("vectorEncoding", "float16-le");
        m.put("ngram.min", String.valueOf(e.subwords().minN()));
        m.put("ngram.max", String.valueOf(e.subwords().maxN()));
        m.put("ngram.count", String.valueOf(e.ngramCount()));
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
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = Float16.toFloat(buf.getShort());
        }
        return out;
    }

    private static List<String[]> tsv(byte[] bytes, String entry, String name, int expectedRows) {
        List<String[]> rows = new ArrayList<>(expectedRows);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] cells = line.split("\t", -1);
                if (cells.length != 2) {
                    throw new UserError(name + ": " + entry + " line " + (rows.size() + 1) + ": expected 2 tab-separated fields, found " + cells.length);
                }
                rows.add(cells);
            }
        } catch (IOException ex) {
            throw new UserError(name + ": cannot read " + entry + ": " + ex.getMessage(), ex);
        }
        if (rows.size() != expectedRows) {
            throw new UserError(name + ": " + entry + " lists " + rows.size() + " entries, the manifest says " + expectedRows);
        }
        return rows;
    }

    private static Number parseNumber(String s, String entry, int line, String name) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            throw new UserError(name + ": " + entry + " line " + line + ": '" + s + "' is not a number");
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

    private static int intProperty(Properties m, String key, String name) {
        long v = intOrLong(m, key, name);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new UserError(name + ": manifest value " + key + "=" + v + " is out of range");
        }
        return (int) v;
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

    private static byte[] bytes(ZipFile zip, String entry, String name) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new UserError(name + ": entry '" + entry + "' is missing; the file is not a complete embeddings artifact");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UserError(name + ": cannot read entry '" + entry + "' (" + ex.getMessage() + "); the file is corrupt", ex);
        }
    }

    private static void deflated(ZipOutputStream zip, String entry, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(entry);
        e.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    private static void stored(ZipOutputStream zip, String entry, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(entry);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
