package org.stance.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Thread safety: the model is immutable (scoring runs on plain arrays, not on a DL4J network), so
 * any number of threads may call it at once. A batch call (many sentences, a long article) is
 * itself split over {@code threads} workers; the order of the results is always the input's.
 *
 * <p>Errors: a model file that cannot be read is an {@link org.stance.UserError} naming the file;
 * a parameter out of range an {@link InvalidSettingException}; an article that is empty, binary or
 * holds no Arabic sentence an {@link InvalidTextException}; a target the model does not know an
 * {@link IllegalArgumentException} listing the known ones.
 */
public final class StanceModel {

    /** Sentences per unit of work: a batch call is cut into chunks of this size, scored in parallel. */
    public static final int BATCH = 256;

    /** A sentence whose top probability is below this is marked uncertain (the CLI's --threshold default too). */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final ModelInfo info;
    private final ModelManifest manifest;
    private final java.util.Set<String> targets;
    private final Classifier classifier;
    private final int threads;
    private final int explain; // features per explanation; 0 = no explanations
    private volatile java.util.concurrent.ForkJoinPool workers; // created on the first batch large enough to split
    private final List<String> stanceLabels;
    private final List<String> topicLabels;
    private final List<String> otherTasks; // tasks learned from label columns of other names
    private final SentenceSegmenter segmenter = new SentenceSegmenter();
    private final ArticleAggregator aggregator;
    private final double threshold;

    private StanceModel(ModelManifest manifest, Classifier classifier, int threads, double threshold, double neutralMass) {
        InvalidSettingException.require(threads >= 1 && threads <= 1024, "threads", threads, "from 1 to 1024");
        InvalidSettingException.requireRange(threshold, 0, 1, "threshold");
        Map<String, Double> test = new java.util.LinkedHashMap<>();
        manifest.evaluation().getOrDefault("test", Map.of()).forEach((task, f) -> test.put(task, f.macroF1()));
        Map<String, Map<String, Integer>> counts = manifest.data().stream().filter(d -> d.role().equals("train")).findFirst()
                .map(d -> d.labelCounts() == null ? Map.<String, Map<String, Integer>>of() : d.labelCounts()).orElse(Map.of());
        this.info = new ModelInfo(classifier.labels(), manifest.features().useTarget(), manifest.targets(), manifest.noPositionLabels(),
                manifest.formatVersion(), manifest.projectVersion(), manifest.createdAt(), test, counts);
        this.targets = java.util.Set.copyOf(manifest.targets());
        this.manifest = manifest;
        this.classifier = classifier;
        this.threads = threads;
        this.explain = 0;
        Map<String, List<String>> labels = classifier.labels();
        this.stanceLabels = labels.getOrDefault("stance", List.of());
        this.topicLabels = labels.getOrDefault("topic", List.of());
        this.otherTasks = classifier.tasks().stream().filter(t -> !t.equals("stance") && !t.equals("topic")).toList();
        this.aggregator = new ArticleAggregator(neutralMass, manifest.noPositionLabels());
        this.threshold = threshold;
    }

    private StanceModel(StanceModel other, int threads, int explain) {
        InvalidSettingException.require(threads >= 1 && threads <= 1024, "threads", threads, "from 1 to 1024");
        InvalidSettingException.require(explain >= 0 && explain <= 1000, "explain", explain, "from 0 (none) to 1000");
        this.explain = explain;
        this.info = other.info;
        this.manifest = other.manifest;
        this.targets = other.targets;
        this.classifier = other.classifier;
        this.threads = threads;
        this.stanceLabels = other.stanceLabels;
        this.topicLabels = other.topicLabels;
        this.otherTasks = other.otherTasks;
        this.aggregator = other.aggregator;
        this.threshold = other.threshold;
    }

    /** The same model (sharing its memory) splitting batch calls over another number of threads. */
    public StanceModel withThreads(int threads) {
        return new StanceModel(this, threads, explain);
    }

    /**
     * The same model giving every scored sentence an {@link Explanation} per task: the {@code k}
     * features that pushed its label most (0 turns explanations off). They cost a second pass over
     * the sentence's features, so they are computed only when asked for.
     */
    public StanceModel withExplanations(int k) {
        return new StanceModel(this, threads, k);
    }

    /** Loads a model that splits batch calls over as many threads as there are processors. */
    public static StanceModel load(Path file) {
        return load(file, Runtime.getRuntime().availableProcessors(), DEFAULT_THRESHOLD, ArticleAggregator.DEFAULT_NEUTRAL_MASS);
    }

    /**
     * @param threads     threads a batch call is split over (1 to 1024; callers may be concurrent either way)
     * @param threshold   a sentence whose top probability is below this is marked uncertain (0 to 1)
     * @param neutralMass the article aggregation's neutral pseudo-mass (0 to 1000; see {@link ArticleAggregator})
     */
    public static StanceModel load(Path file, int threads, double threshold, double neutralMass) {
        ModelCodec.Loaded loaded = ModelCodec.load(file);
        return new StanceModel(loaded.manifest(), loaded.classifier(), threads, threshold, neutralMass);
    }

    /**
     * How many sentences a streaming caller should hand over at once: enough for every thread to get
     * chunks of {@link #BATCH}, few enough that a huge input is never held whole.
     */
    public int streamingBatch() {
        return BATCH * threads * 4;
    }

    /** Everything the model file says about itself (what {@code stance inspect --json} prints), as it was loaded and checked. */
    public ModelManifest manifest() {
        return manifest;
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
        // A batch has one or a few distinct targets: key and check each once, not once per sentence.
        Map<String, String> keys = new java.util.HashMap<>();
        targets = targets.stream().map(t -> keys.computeIfAbsent(t == null ? "" : t, org.stance.data.DatasetReader::targetKey)).toList();
        keys.values().stream().distinct().forEach(this::checkTarget);
        return score(oneBased(sentences.size()), sentences, targets, null);
    }

    /** Ids 1 to n: the sentence ids of a list scored as given. */
    private static List<Integer> oneBased(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }

    /**
     * Scores the sentences of one article, already segmented, each in its article (the article
     * context block of all of them, when the model has one), toward one target; no verdict.
     */
    public List<SentenceScore> scoreArticleSentences(List<String> sentences, String target) {
        checkTarget(target);
        String key = target == null ? "" : org.stance.data.DatasetReader.targetKey(target);
        return score(oneBased(sentences.size()), sentences, java.util.Collections.nCopies(sentences.size(), key),
                articleInputs(oneBased(sentences.size()), sentences, key, true));
    }

    /**
     * The article context of an article's sentences (those that are scored), keeping their own
     * blocks when all of them are scored in one call; null when the model has no article context.
     */
    private Classifier.ArticleInputs articleInputs(List<Integer> ids, List<String> sentences, String target, boolean oneCall) {
        if (classifier.featurizer().articleContext() == 0) {
            return null; // nothing to read ahead: not even the pass that picks the scorable sentences
        }
        List<String> scorable = new ArrayList<>();
        List<Integer> scorableIds = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String t = stripped(sentences.get(i));
            if (ArabicNormalizer.hasArabicLetter(t)) {
                scorable.add(t);
                scorableIds.add(ids.get(i));
            }
        }
        // explanations split the context block's share by sentence: only they need the sparse block
        return classifier.articleInputs(scorable, java.util.Collections.nCopies(scorable.size(), target), scorableIds, oneCall, explain != 0);
    }

    /** Segments a raw article as {@code prepare} does, scores every sentence, and gives the article's verdict. */
    public ArticleScore scoreArticle(String articleId, String rawText) {
        return scoreArticle(articleId, "", rawText, "", s -> { });
    }

    /** Refuses a target the model cannot use: any target on a model without target input, an unseen one on a model with it. */
    public void checkTarget(String target) {
        String t = target == null ? "" : org.stance.data.DatasetReader.targetKey(target);
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
        target = target == null ? "" : org.stance.data.DatasetReader.targetKey(target);
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
        return scoreSegmented(articleId, source, segments, target, each);
    }

    /**
     * As {@link #scoreArticle(String, String, String, String, java.util.function.Consumer)} for an
     * article already segmented (a caller that checked its articles before scoring keeps their
     * segments instead of segmenting twice): only the segments that are sentences are scored.
     */
    public ArticleScore scoreSegmented(String articleId, String source, List<Segment> segments, String target,
                                       java.util.function.Consumer<SentenceScore> each) {
        checkTarget(target);
        target = target == null ? "" : org.stance.data.DatasetReader.targetKey(target);
        segments = segments.stream().filter(Segment::isSentence).toList();
        if (segments.isEmpty()) {
            throw new InvalidTextException(InvalidTextException.Reason.NO_ARABIC_TEXT, "article '" + articleId + "' holds no sentence of Arabic text");
        }
        List<String> targets = java.util.Collections.nCopies(streamingBatch(), target == null ? "" : target);
        // A model with article context reads the whole article first. An article of one batch (nearly
        // all) keeps its sentence vectors for scoring; a longer one streams out batch by batch, its
        // sentences featurized once more, so that it is never held whole.
        int step = streamingBatch();
        Classifier.ArticleInputs article = articleInputs(segments.stream().map(Segment::index).toList(), segments.stream().map(Segment::text).toList(),
                target, segments.size() <= step);
        ArticleAggregator.Accumulator acc = aggregator.start(stanceLabels);
        for (int from = 0; from < segments.size(); from += step) {
            List<Segment> batch = segments.subList(from, Math.min(segments.size(), from + step));
            List<SentenceScore> scores = score(batch.stream().map(Segment::index).toList(), batch.stream().map(Segment::text).toList(),
                    targets.subList(0, batch.size()), article);
            for (SentenceScore s : scores) {
                acc.add(s);
                each.accept(s);
            }
        }
        return acc.verdict(articleId, source);
    }

    /**
     * Scores the sentences, each alone ({@code article} null) or in the article they are (all, when
     * {@code article.kept()}: then it holds the shares of exactly the sentences scored here).
     */
    private List<SentenceScore> score(List<Integer> ids, List<String> texts, List<String> targets, Classifier.ArticleInputs article) {
        List<Integer> scorable = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> inputTargets = new ArrayList<>();
        SentenceScore[] out = new SentenceScore[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            String t = stripped(texts.get(i));
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
        if (article != null && article.kept() && article.keptSentences() != inputs.size()) {
            throw new IllegalStateException(article.keptSentences() + " kept sentence shares for " + inputs.size() + " sentences");
        }
        int chunks = (inputs.size() + BATCH - 1) / BATCH;
        java.util.function.IntConsumer scoreChunk = k -> {
            int from = k * BATCH;
            int to = Math.min(inputs.size(), from + BATCH);
            Map<String, float[][]> probs = article != null && article.kept() ? classifier.predict(article, from, to)
                    : classifier.predict(inputs.subList(from, to), inputTargets.subList(from, to), article);
            for (int j = from; j < to; j++) {
                int i = scorable.get(j);
                LabelScores stance = stanceLabels.isEmpty() ? null : LabelScores.of(stanceLabels, probs.get("stance")[j - from]);
                LabelScores topic = topicLabels.isEmpty() ? null : LabelScores.of(topicLabels, probs.get("topic")[j - from]);
                Map<String, LabelScores> others = new java.util.LinkedHashMap<>();
                for (String task : otherTasks) {
                    others.put(task, LabelScores.of(classifier.labels().get(task), probs.get(task)[j - from]));
                }
                LabelScores main = stance != null ? stance : topic != null ? topic : others.values().iterator().next();
                SentenceScore scored = new SentenceScore(ids.get(i), inputs.get(j), stance, topic, main.probability() < threshold, null, null,
                        others);
                out[i] = explain == 0 ? scored : new SentenceScore(scored.id(), scored.text(), stance, topic, scored.uncertain(), null,
                        explain(inputs.get(j), inputTargets.get(j), article, scored.tasks()), others);
            }
        };
        if (threads == 1 || chunks == 1) {
            for (int k = 0; k < chunks; k++) {
                scoreChunk.accept(k);
            }
        } else {
            // Each chunk writes its own slots of out: the order is the input's whatever the threads do.
            workers().submit(() -> java.util.stream.IntStream.range(0, chunks).parallel().forEach(scoreChunk)).join();
        }
        return List.of(out);
    }

    /** A sentence as it is scored: stripped; scored when it has an Arabic letter (so empty ones are not). */
    private static String stripped(String text) {
        return text == null ? "" : text.strip();
    }

    private Map<String, Explanation> explain(String text, String target, Classifier.ArticleInputs context, Map<String, LabelScores> tasks) {
        Map<String, Explanation> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, LabelScores> e : tasks.entrySet()) {
            String task = e.getKey();
            LabelScores scores = e.getValue();
            Classifier.Attribution a = classifier.explain(text, target, context, task, scores.label(), explain);
            out.put(task, new Explanation(a.label(), a.method(), a.bias(), a.logit(),
                    a.top().stream().map(c -> new Explanation.FeatureContribution(c.feature(), c.value())).toList(), a.others()));
        }
        return out;
    }

    private java.util.concurrent.ForkJoinPool workers() {
        java.util.concurrent.ForkJoinPool w = workers;
        if (w == null) {
            synchronized (this) {
                if (workers == null) {
                    // Daemon workers: a service that forgets to close the model still exits.
                    workers = new java.util.concurrent.ForkJoinPool(threads, pool -> {
                        var t = java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                        t.setDaemon(true);
                        t.setName("stance-scoring-" + t.getPoolIndex());
                        return t;
                    }, null, false);
                }
                w = workers;
            }
        }
        return w;
    }
}
