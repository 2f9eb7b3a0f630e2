package org.stance.quantize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.stance.data.LabeledSentence;
import org.stance.embed.WordEmbeddings;
import org.stance.features.Featurizer;
import org.stance.model.Classifier;
import org.stance.model.TrainConfig;
import org.stance.model.Trainer;

/**
 * Shrinks a trained classifier as fastText's {@code quantize} does:
 * <ol>
 * <li>keeps the n-gram features whose first-layer weights (over every output, in the sentence's
 *     own block and the article context block) have the largest norm, and drops the rest from the
 *     vocabulary and the weights;</li>
 * <li>optionally fits the weights again over the kept features ({@link Retraining});</li>
 * <li>stores the first layer's weights in 8 bits, a scale per input ({@link RowCodes});</li>
 * <li>product-quantizes the word and n-gram vectors ({@link ProductCodes}).</li>
 * </ol>
 * The classifier returned scores exactly as the quantized file will once loaded: its weights and
 * vectors are the decoded codes.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /**
     * A quantized model: the classifier that scores with the decoded values, and the codes a file
     * stores ({@code words} and {@code ngrams} null when the model has no word vectors).
     */
    public record Quantized(Classifier classifier, RowCodes weights, ProductCodes words, ProductCodes ngrams, int featuresBefore,
                            QuantizeConfig config) {
    }

    /**
     * Retrains the pruned model's weights on its own features (fastText's {@code quantize -retrain}):
     * the features dropped carried many small weights, which the kept ones then take over.
     *
     * @param rows    the sentences the full model was trained on
     * @param dev     the sentences that chose its epoch (a mini-batch optimizer's; empty under LBFGS)
     * @param offsets task → the decision offsets the full model added to its biases (added again)
     */
    public record Retraining(List<LabeledSentence> rows, List<LabeledSentence> dev, Map<String, List<Double>> offsets, Consumer<String> progress) {
    }

    /** {@code full} quantized without retraining. */
    public static Quantized quantize(Classifier full, TrainConfig train, QuantizeConfig q) {
        return quantize(full, train, q, null);
    }

    /** {@code full} quantized; with {@code retraining} (null: none) its weights are fitted again over the kept features first. */
    public static Quantized quantize(Classifier full, TrainConfig train, QuantizeConfig q, Retraining retraining) {
        Featurizer f = full.featurizer();
        Featurizer.Vocabulary vocabulary = f.vocabulary();
        int n = vocabulary.hashes().length;
        int base = f.baseDimension();
        int pooled = base - n;
        boolean context = f.dimension() == 2 * base;
        int width = train.hidden() > 0 ? train.hidden() : full.labels().values().stream().mapToInt(List::size).sum();
        float[] parameters = full.parameters();

        int[] kept = strongest(parameters, n, base, context, width, q.features() == 0 ? n : Math.min(q.features(), n));
        Featurizer.Vocabulary prunedVocabulary = new Featurizer.Vocabulary(pick(vocabulary.hashes(), kept), pick(vocabulary.groups(), kept),
                pick(vocabulary.idf(), kept));
        WordEmbeddings vectors = f.embeddings();
        ProductCodes words = null;
        ProductCodes ngrams = null;
        if (vectors != null) {
            WordEmbeddings.Parts p = vectors.parts();
            // the n-gram table is most widespread first: a prefix keeps the n-grams that unseen words share most
            int g = q.subwords() == 0 ? p.ngrams().length : Math.min(q.subwords(), p.ngrams().length);
            float[] ngramVectors = Arrays.copyOf(p.ngramVectors(), g * p.dimension());
            words = ProductQuantizer.fit(p.wordVectors(), p.words().length, p.dimension(), q.subDimension(), q.centroids(), q.seed());
            ngrams = ProductQuantizer.fit(ngramVectors, g, p.dimension(), q.subDimension(), q.centroids(), q.seed() + 1);
            vectors = WordEmbeddings.ofHalfPrecision(new WordEmbeddings.Parts(p.words(), p.counts(), words.decode(), p.dimension(), p.minN(),
                    p.maxN(), Arrays.copyOf(p.ngrams(), g), ngrams.decode(), Arrays.copyOf(p.ngramWeights(), g), p.tokenCount(), p.normalizer(),
                    p.provenance()));
        }
        Featurizer smaller = f.with(prunedVocabulary, vectors);
        int rows = smaller.dimension();
        float[] fitted;
        if (retraining == null) {
            fitted = new float[rows * width + parameters.length - f.dimension() * width];
            int newBase = smaller.baseDimension();
            for (int block = 0; block < (context ? 2 : 1); block++) {
                for (int i = 0; i < kept.length; i++) {
                    System.arraycopy(parameters, (block * base + kept[i]) * width, fitted, (block * newBase + i) * width, width);
                }
                System.arraycopy(parameters, (block * base + n) * width, fitted, (block * newBase + kept.length) * width, pooled * width);
            }
            System.arraycopy(parameters, f.dimension() * width, fitted, rows * width, parameters.length - f.dimension() * width);
        } else {
            Classifier refit = Trainer.onFeatures(train, smaller, retraining.progress()).train(retraining.rows(), retraining.dev()).classifier();
            retraining.offsets().forEach((task, o) -> refit.shiftBias(task, o.stream().mapToDouble(Double::doubleValue).toArray()));
            fitted = refit.parameters();
        }
        RowCodes weights = RowCodes.of(fitted, rows, width);
        System.arraycopy(weights.decode(), 0, fitted, 0, rows * width);
        return new Quantized(Classifier.restore(smaller, train, full.labels(), fitted), weights, words, ngrams, n, q);
    }

    /** The {@code keep} features of largest weight norm, in vocabulary order (ties: the earlier feature). */
    static int[] strongest(float[] parameters, int n, int base, boolean context, int width, int keep) {
        double[] norm = new double[n];
        for (int j = 0; j < n; j++) {
            for (int block = 0; block < (context ? 2 : 1); block++) {
                int at = (block * base + j) * width;
                for (int c = 0; c < width; c++) {
                    norm[j] += (double) parameters[at + c] * parameters[at + c];
                }
            }
        }
        return IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingDouble(j -> -norm[j]).thenComparingInt(j -> j)).limit(keep)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    private static long[] pick(long[] a, int[] kept) {
        long[] out = new long[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = a[kept[i]];
        }
        return out;
    }

    private static int[] pick(int[] a, int[] kept) {
        int[] out = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = a[kept[i]];
        }
        return out;
    }

    private static float[] pick(float[] a, int[] kept) {
        float[] out = new float[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = a[kept[i]];
        }
        return out;
    }
}
