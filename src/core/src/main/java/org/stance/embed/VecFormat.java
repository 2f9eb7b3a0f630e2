package org.stance.embed;

import org.stance.io.Hashes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stance.UserError;
import org.stance.text.NormalizerConfig;

/**
 * The fastText / word2vec text format: an optional first line "count dimension", then one line
 * per word, "word v1 ... vd", separated by single spaces. The file holds no counts, so words
 * keep their file order (which fastText and word2vec write most frequent first) and get the
 * descending pseudo-count {@code size - rank} for SIF weights and "keep the top N".
 */
final class VecFormat {

    private VecFormat() {
    }

    static WordEmbeddings read(Path file, NormalizerConfig normalizer, int minN, int maxN, int maxNgrams) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        List<String> words = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        int dim = -1;
        int declaredCount = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] parts = line.strip().split(" +");
                if (line.isBlank()) {
                    continue;
                }
                if (lineNo == 1 && parts.length == 2 && isInt(parts[0]) && isInt(parts[1])) {
                    declaredCount = Integer.parseInt(parts[0]);
                    dim = Integer.parseInt(parts[1]);
                    continue;
                }
                if (parts.length < 2) {
                    throw new UserError(file + ":" + lineNo + ": expected a word followed by its vector, found '" + abbreviate(line) + "'");
                }
                if (dim < 0) {
                    dim = parts.length - 1;
                }
                if (dim > WordEmbeddings.MAX_DIMENSION) {
                    // the artifact (and so train) refuses it: refused here, where the file and line can be named
                    throw new UserError(file + ":" + lineNo + ": vectors of " + dim + " values; at most " + WordEmbeddings.MAX_DIMENSION
                            + " are supported");
                }
                if (words.size() >= WordEmbeddings.MAX_WORDS) {
                    throw new UserError(file + ":" + lineNo + ": more than " + WordEmbeddings.MAX_WORDS + " words; keep the most frequent");
                }
                if (parts.length - 1 != dim) {
                    throw new UserError(file + ":" + lineNo + ": the vector of '" + parts[0] + "' has " + (parts.length - 1)
                            + " values, expected " + dim);
                }
                float[] v = new float[dim];
                for (int k = 0; k < dim; k++) {
                    try {
                        v[k] = Float.parseFloat(parts[k + 1]);
                    } catch (NumberFormatException e) {
                        throw new UserError(file + ":" + lineNo + ": value " + (k + 1) + " of '" + parts[0] + "' is not a number: '"
                                + abbreviate(parts[k + 1]) + "'");
                    }
                    if (!(Math.abs(v[k]) <= Float16.MAX)) {
                        throw new UserError(file + ":" + lineNo + ": value " + (k + 1) + " of '" + parts[0]
                                + "' is not finite or beyond the float16 range ±65504 of the artifact");
                    }
                }
                words.add(parts[0]);
                rows.add(v);
            }
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (words.isEmpty()) {
            throw new UserError(file + ": holds no vector");
        }
        if (declaredCount >= 0 && declaredCount != words.size()) {
            throw new UserError(file + ":1: the header announces " + declaredCount + " words, the file holds " + words.size());
        }
        String[] w = words.toArray(String[]::new);
        long[] counts = new long[w.length];
        float[] flat = new float[w.length * dim];
        for (int i = 0; i < w.length; i++) {
            counts[i] = w.length - i;
            System.arraycopy(rows.get(i), 0, flat, i * dim, dim);
        }
        VectorTable table;
        try {
            table = new VectorTable(w, counts, flat, dim);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("source", "imported");
        provenance.put("corpus.description", "imported from " + file.getFileName());
        provenance.put("corpus.1.path", file.toString());
        provenance.put("corpus.1.sha256", sha256(file));
        provenance.putAll(EmbeddingTrainer.stamp());
        long pseudoTokens = (long) w.length * (w.length + 1) / 2;
        return new WordEmbeddings(table, SubwordTable.build(table, minN, maxN, maxNgrams), pseudoTokens, normalizer, provenance);
    }

    static void write(WordEmbeddings e, Path file) {
        VectorTable t = e.words();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(t.size() + " " + t.dimension() + "\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < t.size(); i++) {
                line.setLength(0);
                line.append(t.word(i));
                for (int k = 0; k < t.dimension(); k++) {
                    line.append(' ').append(t.vectors()[i * t.dimension() + k]);
                }
                w.write(line.append('\n').toString());
            }
        } catch (IOException ex) {
            throw new UserError("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashes.sha256(file); // streamed: a .vec file can be several GB
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isInt(String s) {
        return s.matches("\\d{1,9}");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
