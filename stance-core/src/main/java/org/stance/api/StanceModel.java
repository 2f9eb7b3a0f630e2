package org.stance.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.stance.artifact.Manifest;
import org.stance.artifact.ModelArtifact;
import org.stance.model.Classifier;
import org.stance.text.ArabicNormalizer;
import org.stance.text.Segment;
import org.stance.text.SentenceSegmenter;

/**
 * What a service calls: load a model file once, then score sentences or whole articles from any
 * number of threads. Inputs and outputs are plain Java records; no DL4J type appears here.
 *
 * <pre>{@code
 * StanceModel model = StanceModel.load(Path.of("models/iraq-presence.zip"));
 * ArticleScore article = model.scoreArticle("a1", rawText);
 * System.out.println(article.stance().label() + " " + article.stance().probability());
 * }</pre>
 *
 * Thread safety: DL4J networks keep per-call state, so the model keeps a pool of copies, one per
 * concurrent caller (up to {@code threads}); callers beyond that wait for a free copy.
 */
public final class StanceModel {

    /** Sentences scored per network call: batching amortises the per-call cost of ND4J. */
    public static final int BATCH = 256;

    private final Manifest manifest;
    private final BlockingQueue<Classifier> pool;
    private final List<String> stanceLabels;
    private final List<String> topicLabels;
    private final SentenceSegmenter segmenter = new SentenceSegmenter();
    private final ArticleAggregator aggregator;
    private final double threshold;

    private StanceModel(Manifest manifest, Classifier classifier, int threads, double threshold, double neutralMass) {
        this.manifest = manifest;
        this.pool = new ArrayBlockingQueue<>(threads);
        pool.add(classifier);
        for (int i = 1; i < threads; i++) {
            pool.add(classifier.copy());
        }
        Map<String, List<String>> labels = classifier.labels();
        this.stanceLabels = labels.getOrDefault("stance", List.of());
        this.topicLabels = labels.getOrDefault("topic", List.of());
        this.aggregator = new ArticleAggregator(neutralMass);
        this.threshold = threshold;
    }

    /** Loads a model for up to as many concurrent callers as there are processors. */
    public static StanceModel load(Path file) {
        return load(file, Runtime.getRuntime().availableProcessors(), 0.0, ArticleAggregator.DEFAULT_NEUTRAL_MASS);
    }

    /**
     * @param threads     concurrent callers served without waiting
     * @param threshold   a sentence whose top probability is below this is marked uncertain
     * @param neutralMass the article aggregation's neutral pseudo-mass
     */
    public static StanceModel load(Path file, int threads, double threshold, double neutralMass) {
        return of(ModelArtifact.load(file), threads, threshold, neutralMass);
    }

    /** A scorer over a model already loaded. */
    public static StanceModel of(ModelArtifact.Loaded loaded, int threads, double threshold, double neutralMass) {
        return new StanceModel(loaded.manifest(), loaded.classifier(), Math.max(1, threads), threshold, neutralMass);
    }

    public Manifest manifest() {
        return manifest;
    }

    /** True when the model reads the target as an input: its scores then depend on the target given. */
    public boolean needsTarget() {
        return manifest.ngrams().useTarget();
    }

    /** Scores sentences as given (no segmentation); an empty or non-Arabic one is returned as skipped. */
    public List<SentenceScore> scoreSentences(List<String> sentences, String target) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            ids.add(i + 1);
        }
        return score(ids, sentences, target);
    }

    /** Segments a raw article as {@code prepare} does, scores every sentence, and gives the article's verdict. */
    public ArticleScore scoreArticle(String articleId, String rawText) {
        return scoreArticle(articleId, "", rawText, "", s -> { });
    }

    /**
     * The streaming form: sentence scores are handed to {@code each} batch by batch, so a huge
     * article never holds all its sentence records in memory at once.
     */
    public ArticleScore scoreArticle(String articleId, String source, String rawText, String target,
                                     java.util.function.Consumer<SentenceScore> each) {
        List<Segment> segments = segmenter.segment(rawText).stream().filter(Segment::isSentence).toList();
        ArticleAggregator.Accumulator acc = aggregator.start(stanceLabels);
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<Segment> batch = segments.subList(from, Math.min(segments.size(), from + BATCH));
            List<SentenceScore> scores = score(batch.stream().map(Segment::index).toList(), batch.stream().map(Segment::text).toList(), target);
            for (SentenceScore s : scores) {
                acc.add(s);
                each.accept(s);
            }
        }
        return acc.verdict(articleId, source);
    }

    /** Starts an article verdict for sentences the caller scores itself (see {@link #scoreSentences}). */
    public ArticleAggregator.Accumulator startArticle() {
        return aggregator.start(stanceLabels);
    }

    private List<SentenceScore> score(List<Integer> ids, List<String> texts, String target) {
        List<Integer> scorable = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        SentenceScore[] out = new SentenceScore[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i) == null ? "" : texts.get(i).strip();
            if (t.isEmpty()) {
                out[i] = SentenceScore.skipped(ids.get(i), t, "empty");
            } else if (!ArabicNormalizer.hasArabicLetter(t)) {
                out[i] = SentenceScore.skipped(ids.get(i), t, "no Arabic letter");
            } else {
                scorable.add(i);
                inputs.add(t);
            }
        }
        for (int from = 0; from < inputs.size(); from += BATCH) {
            int to = Math.min(inputs.size(), from + BATCH);
            Map<String, float[][]> probs = predict(inputs.subList(from, to), Collections.nCopies(to - from, target == null ? "" : target));
            for (int j = from; j < to; j++) {
                int i = scorable.get(j);
                LabelScores stance = stanceLabels.isEmpty() ? null : LabelScores.of(stanceLabels, probs.get("stance")[j - from]);
                LabelScores topic = topicLabels.isEmpty() ? null : LabelScores.of(topicLabels, probs.get("topic")[j - from]);
                LabelScores main = stance != null ? stance : topic;
                out[i] = new SentenceScore(ids.get(i), inputs.get(j), stance, topic, main != null && main.probability() < threshold, null);
            }
        }
        return List.of(out);
    }

    private Map<String, float[][]> predict(List<String> texts, List<String> targets) {
        Classifier c;
        try {
            c = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free model copy", e);
        }
        try {
            return c.predict(texts, targets);
        } finally {
            pool.add(c);
        }
    }
}
