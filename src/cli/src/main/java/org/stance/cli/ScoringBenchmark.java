package org.stance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.stance.api.StanceModel;

/**
 * Scoring speed inside one JVM: batch throughput (sentences/s through {@link StanceModel}, the
 * path services and {@code score} use), single-sentence latency percentiles, and peak memory.
 * Figures are printed, never asserted: speed is shown by benchmarks, not by timed tests.
 */
public final class ScoringBenchmark {

    /**
     * What the benchmark measured: the model's load, and the first sentence's result counted from the
     * start of that load (the in-process part of a cold start); batch sentences/s on one thread and
     * on {@code threads} (the median of the rounds, and their lowest and highest), single-sentence
     * latency, memory.
     */
    public record Result(int sentences, double loadSeconds, double firstResultSeconds, int rounds, double batchSentencesPerSecond, double batchSlowest,
                         double batchFastest, double batchSentencesPerSecondAllThreads, double allThreadsSlowest, double allThreadsFastest,
                         int threads, double latencyP50Ms, double latencyP99Ms, long peakRssMb) {
    }

    private ScoringBenchmark() {
    }

    /**
     * @param targets each sentence's target (its row's target column); for a model that reads targets,
     *                a row without one known to the model is scored with the model's first target
     * @param rounds  batch measurements of each kind, alternating one thread and all (a single run on a
     *                shared machine varied by a third)
     */
    public static Result run(Path model, List<String> sentences, List<String> targets, int minSentences, int latencyCalls, int threads,
                             int rounds, Consumer<String> progress) {
        long t0 = System.nanoTime();
        StanceModel one = StanceModel.load(model, 1, 0.0, 1.0);
        double load = (System.nanoTime() - t0) / 1e9;
        List<String> usable = targets.stream().map(t -> !one.needsTarget() ? "" : one.info().targets().contains(t) ? t
                : one.info().targets().get(0)).toList();
        // The in-process part of a cold start: the model loaded and one sentence scored by code not yet compiled.
        int first = java.util.stream.IntStream.range(0, sentences.size())
                .filter(i -> org.stance.text.ArabicNormalizer.hasArabicLetter(sentences.get(i))).findFirst().orElse(0);
        one.scoreSentences(List.of(sentences.get(first)), List.of(usable.get(first)));
        double firstResult = (System.nanoTime() - t0) / 1e9;
        StanceModel all = one.withThreads(threads);
        List<String> corpus = new ArrayList<>();
        List<String> corpusTargets = new ArrayList<>();
        while (corpus.size() < minSentences) {
            corpus.addAll(sentences);
            corpusTargets.addAll(usable);
        }
        // Warm-up: one unmeasured round of each kind, so that the JIT has compiled the scoring path
        // and the caches are filled before the first measured round (shorter warm-ups left the first
        // rounds a third slower).
        progress.accept("warm-up: " + corpus.size() + " sentences on 1 thread" + (threads == 1 ? "" : ", then on " + threads));
        rate(one, corpus, corpusTargets);
        if (threads > 1) {
            rate(all, corpus, corpusTargets);
        }
        double[] rateOne = new double[rounds];
        double[] rateAll = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            progress.accept("round " + (r + 1) + " of " + rounds + ": " + corpus.size() + " sentences on 1 thread"
                    + (threads == 1 ? "" : ", then on " + threads));
            rateOne[r] = rate(one, corpus, corpusTargets);
            rateAll[r] = threads == 1 ? rateOne[r] : rate(all, corpus, corpusTargets);
            progress.accept(String.format("  %,.0f sentences/s on 1 thread, %,.0f on %d", rateOne[r], rateAll[r], threads));
        }
        progress.accept("single-sentence latency over " + latencyCalls + " calls");
        double[] ms = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            int k = i % sentences.size();
            long s = System.nanoTime();
            one.scoreSentences(List.of(sentences.get(k)), List.of(usable.get(k)));
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(rateOne);
        Arrays.sort(rateAll);
        return new Result(corpus.size(), load, firstResult, rounds, median(rateOne), rateOne[0], rateOne[rounds - 1], median(rateAll), rateAll[0],
                rateAll[rounds - 1], threads, ms[latencyCalls / 2], ms[(int) (latencyCalls * 0.99)], peakRssMb());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double rate(StanceModel model, List<String> corpus, List<String> targets) {
        long start = System.nanoTime();
        model.scoreSentences(corpus, targets);
        return corpus.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** The process's peak resident memory (VmHWM), or -1 where /proc is not available. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
