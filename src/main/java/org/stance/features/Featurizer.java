package org.stance.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/**
 * Sentence → sparse TF-IDF vector over a vocabulary of word and character n-grams learned from
 * training sentences. Term frequency is sublinear (1 + ln tf), IDF is smoothed
 * (ln((1 + n) / (1 + df)) + 1), and each feature group is L2-normalised on its own, the weighting
 * that makes TF-IDF linear models strong on short texts. Immutable and thread-safe once built.
 */
public final class Featurizer {

    private final NormalizerConfig normalizerConfig;
    private final ArabicNormalizer normalizer;
    private final NgramConfig config;
    private final NgramExtractor extractor;
    private final Map<String, Integer> index;
    private final String[] features;
    private final int[] groups;
    private final float[] idf;

    private Featurizer(NormalizerConfig normalizerConfig, NgramConfig config, String[] features, int[] groups, float[] idf) {
        this.normalizerConfig = normalizerConfig;
        this.normalizer = new ArabicNormalizer(normalizerConfig);
        this.config = config;
        this.extractor = new NgramExtractor(config);
        this.features = features;
        this.groups = groups;
        this.idf = idf;
        this.index = new HashMap<>(features.length * 2);
        for (int i = 0; i < features.length; i++) {
            index.put(features[i], i);
        }
    }

    /** Learns the vocabulary and IDF weights from training sentences (with their targets, "" when none). */
    public static Featurizer fit(List<String> texts, List<String> targets, NormalizerConfig normalizerConfig, NgramConfig config) {
        ArabicNormalizer normalizer = new ArabicNormalizer(normalizerConfig);
        NgramExtractor extractor = new NgramExtractor(config);
        Map<String, int[]> df = new HashMap<>();
        Map<String, Integer> groupOf = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            List<List<String>> grouped = extractor.extract(Tokenizer.tokenize(normalizer.normalize(texts.get(i))), targets.get(i));
            Set<String> seen = new HashSet<>();
            for (int g = 0; g < grouped.size(); g++) {
                for (String f : grouped.get(g)) {
                    if (seen.add(f)) {
                        df.computeIfAbsent(f, k -> new int[1])[0]++;
                        groupOf.putIfAbsent(f, g);
                    }
                }
            }
        }
        List<Map.Entry<String, int[]>> kept = new ArrayList<>();
        for (Map.Entry<String, int[]> e : df.entrySet()) {
            if (e.getValue()[0] >= config.minDf()) {
                kept.add(e);
            }
        }
        // Most frequent first, ties broken by the string itself so the vocabulary is deterministic.
        kept.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
        int size = Math.min(kept.size(), config.maxFeatures());
        String[] features = new String[size];
        int[] groups = new int[size];
        float[] idf = new float[size];
        int n = texts.size();
        for (int i = 0; i < size; i++) {
            Map.Entry<String, int[]> e = kept.get(i);
            features[i] = e.getKey();
            groups[i] = groupOf.get(e.getKey());
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + e.getValue()[0])) + 1.0);
        }
        return new Featurizer(normalizerConfig, config, features, groups, idf);
    }

    /** The TF-IDF vector of one sentence; indices ascend. Unknown n-grams are ignored. */
    public SparseVector featurize(String text, String target) {
        List<List<String>> grouped = extractor.extract(Tokenizer.tokenize(normalizer.normalize(text)), target);
        Map<Integer, Integer> counts = new HashMap<>();
        for (List<String> group : grouped) {
            for (String f : group) {
                Integer id = index.get(f);
                if (id != null) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
        }
        int[] ids = counts.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] values = new float[ids.length];
        double[] norms = new double[NgramExtractor.GROUPS];
        for (int i = 0; i < ids.length; i++) {
            values[i] = (float) ((1.0 + Math.log(counts.get(ids[i]))) * idf[ids[i]]);
            norms[groups[ids[i]]] += values[i] * values[i];
        }
        for (int i = 0; i < ids.length; i++) {
            values[i] /= (float) Math.sqrt(norms[groups[ids[i]]]);
        }
        return new SparseVector(ids, values);
    }

    public int dimension() {
        return features.length;
    }

    public NgramConfig config() {
        return config;
    }

    public NormalizerConfig normalizerConfig() {
        return normalizerConfig;
    }

    /** Writes the vocabulary as "group TAB idf TAB feature" lines, in index order. */
    public void writeVocabulary(Writer out) throws IOException {
        for (int i = 0; i < features.length; i++) {
            out.write(groups[i] + "\t" + idf[i] + "\t" + features[i].replace("\n", " ") + "\n");
        }
        out.flush();
    }

    /** Reads what {@link #writeVocabulary} wrote. */
    public static Featurizer readVocabulary(BufferedReader in, NormalizerConfig normalizerConfig, NgramConfig config) throws IOException {
        List<String> feats = new ArrayList<>();
        List<Integer> grps = new ArrayList<>();
        List<Float> idfs = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            int a = line.indexOf('\t');
            int b = line.indexOf('\t', a + 1);
            if (a < 0 || b < 0) {
                throw new IOException("malformed vocabulary line " + (feats.size() + 1));
            }
            grps.add(Integer.parseInt(line.substring(0, a)));
            idfs.add(Float.parseFloat(line.substring(a + 1, b)));
            feats.add(line.substring(b + 1));
        }
        float[] idf = new float[idfs.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = idfs.get(i);
        }
        return new Featurizer(normalizerConfig, config, feats.toArray(String[]::new), grps.stream().mapToInt(Integer::intValue).toArray(), idf);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Featurizer f && normalizerConfig.equals(f.normalizerConfig) && config.equals(f.config)
                && Arrays.equals(features, f.features) && Arrays.equals(groups, f.groups) && Arrays.equals(idf, f.idf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(features);
    }
}
