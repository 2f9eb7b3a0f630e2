package org.stance.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.stance.data.Dataset;
import org.stance.embed.WordEmbeddings;
import org.stance.eval.Metric;
import org.stance.eval.Metrics;
import org.stance.features.NgramConfig;
import org.stance.model.ClassWeighting;
import org.stance.model.EmbeddingFeatures;
import org.stance.model.TrainConfig;

/**
 * {@code train --autotune}: searches the training settings within a time budget, each candidate
 * scored by the same article-grouped cross-validation on the training data (fastText's
 * {@code -autotune-duration}, with grouped folds instead of one validation file). The first trial
 * is the settings given; each later one changes one or two settings of the best so far to values
 * drawn from their candidate lists, never repeating a trial. The score is the tuned
 * {@link Metric} of the pooled held-out predictions, averaged over tasks.
 */
public final class AutoTune {

    /** One evaluated candidate: its settings (as named in {@link #describe}), per-task and mean score. */
    public record Trial(int number, TrainConfig config, Map<String, Double> scores, double score, double seconds) {
    }

    /** The best trial and all of them, in order; {@code cv} is the best trial's cross-validation. */
    public record Result(Trial best, List<Trial> trials, CrossValidation.Result cv, int folds, double budgetSeconds) {

        /** The search as the model manifest records it. */
        public org.stance.artifact.ModelManifest.Tuning toManifest() {
            return new org.stance.artifact.ModelManifest.Tuning(budgetSeconds, folds, best.config().metric().name(), best.number(),
                    trials.stream().map(t -> new org.stance.artifact.ModelManifest.TuningTrial(t.number(), describe(t.config()), t.scores(),
                            t.score(), t.seconds())).toList());
        }
    }

    static final double[] L2 = {1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3};
    static final int[][] CHAR_RANGES = {{0, 0}, {2, 4}, {2, 5}, {3, 5}, {2, 6}, {3, 6}};
    static final int[] WORD_NGRAMS = {1, 2, 3};
    static final int[] MIN_DF = {1, 2, 3};
    static final double[] ARTICLE_CONTEXT = {0, 0.5, 1, 2};
    static final int MAX_TRIALS = 500;

    private final Consumer<String> progress;

    public AutoTune(Consumer<String> progress) {
        this.progress = progress;
    }

    public Result run(Dataset data, TrainConfig start, WordEmbeddings vectors, Duration budget, int folds) {
        long began = System.nanoTime();
        double budgetSeconds = budget.toMillis() / 1000.0;
        Random random = new Random(start.seed());
        CrossValidation cv = new CrossValidation(s -> { });
        List<Trial> trials = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Trial best = null;
        CrossValidation.Result bestCv = null;
        boolean articles = org.stance.model.Trainer.hasArticles(data.rows());
        if (!articles) { // the trainer would switch it off anyway: say so in the trials
            start = start.toBuilder().ngrams(start.ngrams().withArticleContext(0)).build();
        }
        TrainConfig candidate = start;
        while (candidate != null) {
            seen.add(describe(candidate));
            long trialStart = System.nanoTime();
            CrossValidation.Result result = cv.run(data, candidate, vectors, folds);
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Map.Entry<String, Metrics> e : result.pooled().entrySet()) {
                scores.put(e.getKey(), candidate.metric().resolve(e.getValue().labels()).of(e.getValue()));
            }
            double score = scores.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double seconds = (System.nanoTime() - trialStart) / 1e9;
            Trial trial = new Trial(trials.size() + 1, candidate, scores, score, seconds);
            trials.add(trial);
            boolean better = best == null || score > best.score() + 1e-9;
            if (better) {
                best = trial;
                bestCv = result;
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            progress.accept(String.format("autotune trial %d  %s  %s %.4f%s  (%.0fs; best %.4f, trial %d; %.0fs of %.0fs)", trial.number(),
                    describe(candidate), format(scores), score, better ? "  *" : "", seconds, best.score(), best.number(), elapsed,
                    budgetSeconds));
            double meanTrial = elapsed / trials.size();
            candidate = elapsed + meanTrial > budgetSeconds || trials.size() >= MAX_TRIALS ? null : next(best.config(), random, seen, articles);
        }
        progress.accept(String.format("autotune: best of %d trials is trial %d: %s (%.4f)", trials.size(), best.number(),
                describe(best.config()), best.score()));
        return new Result(best, trials, bestCv, folds, budgetSeconds);
    }

    /** A setting or two of {@code from} changed at random; null when no unseen candidate turns up. */
    static TrainConfig next(TrainConfig from, Random random, Set<String> seen) {
        return next(from, random, seen, true);
    }

    /** The same; {@code articles}: the data has articles of two sentences or more, so the article context weight is searched too. */
    static TrainConfig next(TrainConfig from, Random random, Set<String> seen, boolean articles) {
        for (int attempt = 0; attempt < 200; attempt++) {
            TrainConfig.Builder b = from.toBuilder();
            NgramConfig n = from.ngrams();
            int changes = 1 + random.nextInt(2);
            for (int c = 0; c < changes; c++) {
                int kinds = 5 + (articles ? 1 : 0);
                int kind = random.nextInt(kinds + (from.embeddings() == null ? 0 : 1));
                switch (kind == 5 && !articles ? 6 : kind) {
                    case 0 -> b.l2(L2[random.nextInt(L2.length)]);
                    case 1 -> b.classWeighting(ClassWeighting.values()[random.nextInt(ClassWeighting.values().length)]);
                    case 2 -> {
                        int[] r = CHAR_RANGES[random.nextInt(CHAR_RANGES.length)];
                        n = n.withCharRange(r[0], r[1]);
                    }
                    case 3 -> n = n.withWordNgrams(WORD_NGRAMS[random.nextInt(WORD_NGRAMS.length)])
                            .withStems(!random.nextBoolean() ? n.stems() : !n.stems()); // the draws in the order they always had
                    case 4 -> n = n.withMinDf(MIN_DF[random.nextInt(MIN_DF.length)]);
                    case 5 -> n = n.withArticleContext(ARTICLE_CONTEXT[random.nextInt(ARTICLE_CONTEXT.length)]);
                    default -> {
                        EmbeddingFeatures e = from.embeddings();
                        org.stance.embed.Pooling[] poolings = org.stance.embed.Pooling.values();
                        b.embeddings(new EmbeddingFeatures(e.file(), poolings[random.nextInt(poolings.length)], e.words()));
                    }
                }
            }
            TrainConfig next = b.ngrams(n).build();
            if (seen.add(describe(next))) {
                return next;
            }
        }
        return null;
    }

    /** The searched settings of a config, as one line: "l2=3e-05 weights=SQRT words=1-2 chars=2-5 stems minDf=2 pooling=SIF". */
    public static String describe(TrainConfig c) {
        NgramConfig n = c.ngrams();
        return String.format("l2=%s weights=%s words=1-%d chars=%s%s minDf=%d%s%s", shortNumber(c.l2()), c.classWeighting(), n.wordNgrams(),
                n.charMin() == 0 ? "none" : n.charMin() + "-" + n.charMax(), n.stems() ? " stems" : "", n.minDf(),
                c.embeddings() == null ? "" : " pooling=" + c.embeddings().pooling(),
                n.articleContext() == 0 ? "" : " context=" + shortNumber(n.articleContext()));
    }

    private static String shortNumber(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toString().replace("E", "e");
    }

    private static String format(Map<String, Double> scores) {
        StringBuilder s = new StringBuilder();
        scores.forEach((task, v) -> s.append(task).append(String.format(" %.4f  ", v)));
        return s.append("mean").toString();
    }
}
