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

    /** What the benchmark measured. */
    public record Result(int sentences, double loadSeconds, double batchSentencesPerSecond, double latencyP50Ms, double latencyP99Ms,
                         long peakRssMb, int threads) {
    }

    private ScoringBenchmark() {
    }

    public static Result run(Path model, List<String> sentences, int minSentences, int latencyCalls, int threads, Consumer<String> progress) {
        long t0 = System.nanoTime();
        StanceModel scorer = StanceModel.load(model, threads, 0.0, 1.0);
        double load = (System.nanoTime() - t0) / 1e9;
        List<String> corpus = new ArrayList<>();
        while (corpus.size() < minSentences) {
            corpus.addAll(sentences);
        }
        String target = scorer.needsTarget() ? "x" : "";
        progress.accept("warm-up");
        scorer.scoreSentences(corpus.subList(0, Math.min(corpus.size(), 5000)), target);
        progress.accept("batch scoring " + corpus.size() + " sentences");
        long start = System.nanoTime();
        scorer.scoreSentences(corpus, target);
        double batchRate = corpus.size() / ((System.nanoTime() - start) / 1e9);
        progress.accept("single-sentence latency over " + latencyCalls + " calls");
        double[] ms = new double[latencyCalls];
        for (int i = 0; i < latencyCalls; i++) {
            long s = System.nanoTime();
            scorer.scoreSentences(List.of(sentences.get(i % sentences.size())), target);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return new Result(corpus.size(), load, batchRate, ms[latencyCalls / 2], ms[(int) (latencyCalls * 0.99)], peakRssMb(), threads);
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
