package org.stance.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.stance.InvalidSettingException;
import org.stance.artifact.ModelCodec;
import org.stance.artifact.ModelManifest;
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
 *
 * <p>Errors: a model file that cannot be read is an {@link org.stance.UserError} naming the file;
 * a parameter out of range an {@link InvalidSettingException}; an article that is empty, binary or
 * holds no Arabic sentence an {@link InvalidTextException}; a target the model does not know an
 * {@link IllegalArgumentException} listing the known ones.
 */
public final class StanceModel {

    /** Sentences scored per network call: batching amortises the per-call cost of ND4J. */
    public static final int BATCH = 256;

    private final ModelInfo info;
    private final java.util.Set<String> targets;
    private final BlockingQueue<Classifier> pool;
    private final List<String> stanceLabels;
    private final List<String> topicLabels;
    private final SentenceSegmenter segmenter = new SentenceSegmenter();
    private final ArticleAggregator aggregator;
    private final double threshold;

    private StanceModel(ModelManifest manifest, Classifier classifier, int threads, double threshold, double neutralMass) {
        InvalidSettingException.require(threads >= 1 && threads <= 1024, "threads", threads, "from 1 to 1024");
        InvalidSettingException.requireRange(threshold, 0, 1, "threshold");
        Map<String, Double> test = new java.util.LinkedHashMap<>();
        manifest.evaluation().getOrDefault("test", Map.of()).forEach((task, f) -> test.put(task, f.macroF1()));
        this.info = new ModelInfo(classifier.labels(), manifest.features().useTarget(), manifest.targets(), manifest.noPositionLabels(),
                manifest.formatVersion(), manifest.projectVersion(), manifest.createdAt(), test);
        this.targets = java.util.Set.copyOf(manifest.targets());
        this.pool = new ArrayBlockingQueue<>(threads);
        pool.add(classifier);
        for (int i = 1; i < threads; i++) {
            pool.add(classifier.copy());
        }
        Map<String, List<String>> labels = classifier.labels();
        this.stanceLabels = labels.getOrDefault("stance", List.of());
        this.topicLabels = labels.getOrDefault("topic", List.of());
        this.aggregator = new ArticleAggregator(neutralMass, manifest.noPositionLabels());
        this.threshold = threshold;
    }

    /** Loads a model for up to as many concurrent callers as there are processors. */
    public static StanceModel load(Path file) {
        return load(file, Runtime.getRuntime().availableProcessors(), 0.0, ArticleAggregator.DEFAULT_NEUTRAL_MASS);
    }

    /**
     * @param threads     concurrent callers served without waiting (1 to 1024)
     * @param threshold   a sentence whose top probability is below this is marked uncertain (0 to 1)
     * @param neutralMass the article aggregation's neutral pseudo-mass (0 to 1000; see {@link ArticleAggregator})
     */
    public static StanceModel load(Path file, int threads, double threshold, double neutralMass) {
        ModelCodec.Loaded loaded = ModelCodec.load(file);
        return new StanceModel(loaded.manifest(), loaded.classifier(), threads, threshold, neutralMass);
    }

    /** The model's labels, targets, version and test figures. */
    public ModelInfo info() {
        return info;
    }

    /** True when the model reads the target as an input: its scores then depend on the target given. */
    public boolean needsTarget() {
        return info.needsTarget();
    }

    /**
     * Scores sentences as given (no segmentation), all toward one target ("" or null when the model
     * has none); an empty or non-Arabic sentence is returned as skipped, with the reason.
     */
    public List<SentenceScore> scoreSentences(List<String> sentences, String target) {
        return scoreSentences(sentences, java.util.Collections.nCopies(sentences.size(), target == null ? "" : target));
    }

    /** The same with a target per sentence (target-specific stance data such as Mawqif). */
    public List<SentenceScore> scoreSentences(List<String> sentences, List<String> targets) {
        if (targets.size() != sentences.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + targets.size() + " targets");
        }
        targets.forEach(this::checkTarget);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            ids.add(i + 1);
        }
        return score(ids, sentences, targets);
    }

    /** Segments a raw article as {@code prepare} does, scores every sentence, and gives the article's verdict. */
    public ArticleScore scoreArticle(String articleId, String rawText) {
        return scoreArticle(articleId, "", rawText, "", s -> { });
    }

    /** Refuses a target the model cannot use: any target on a model without target input, an unseen one on a model with it. */
    public void checkTarget(String target) {
        String t = target == null ? "" : target;
        if (!info.needsTarget()) {
            if (!t.isEmpty()) {
                throw new IllegalArgumentException("this model does not read a target (it was not trained with the target as an input), but target '"
                        + t + "' was given");
            }
        } else if (!targets.contains(t)) {
            throw new IllegalArgumentException((t.isEmpty() ? "this model needs a target" : "unknown target '" + t + "'") + "; the model knows: "
                    + String.join(", ", info.targets()));
        }
    }

    /**
     * The streaming form: sentence scores are handed to {@code each} batch by batch, so a huge
     * article never holds all its sentence records in memory at once.
     */
    public ArticleScore scoreArticle(String articleId, String source, String rawText, String target,
                                     java.util.function.Consumer<SentenceScore> each) {
        checkTarget(target);
        if (rawText == null || rawText.isBlank()) {
            throw new InvalidTextException(InvalidTextException.Reason.EMPTY, "article '" + articleId + "' is empty");
        }
        if (rawText.indexOf('\0') >= 0) {
            throw new InvalidTextException(InvalidTextException.Reason.BINARY, "article '" + articleId + "' holds binary data (a NUL character)");
        }
        List<Segment> segments = segmenter.segment(rawText).stream().filter(Segment::isSentence).toList();
        if (segments.isEmpty()) {
            throw new InvalidTextException(InvalidTextException.Reason.NO_ARABIC_TEXT, "article '" + articleId + "' holds no sentence of Arabic text");
        }
        List<String> targets = java.util.Collections.nCopies(BATCH, target == null ? "" : target);
        ArticleAggregator.Accumulator acc = aggregator.start(stanceLabels);
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<Segment> batch = segments.subList(from, Math.min(segments.size(), from + BATCH));
            List<SentenceScore> scores = score(batch.stream().map(Segment::index).toList(), batch.stream().map(Segment::text).toList(),
                    targets.subList(0, batch.size()));
            for (SentenceScore s : scores) {
                acc.add(s);
                each.accept(s);
            }
        }
        return acc.verdict(articleId, source);
    }

    private List<SentenceScore> score(List<Integer> ids, List<String> texts, List<String> targets) {
        List<Integer> scorable = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> inputTargets = new ArrayList<>();
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
                inputTargets.add(targets.get(i) == null ? "" : targets.get(i));
            }
        }
        for (int from = 0; from < inputs.size(); from += BATCH) {
            int to = Math.min(inputs.size(), from + BATCH);
            Map<String, float[][]> probs = predict(inputs.subList(from, to), inputTargets.subList(from, to));
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
