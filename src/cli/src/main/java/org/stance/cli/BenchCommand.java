package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.artifact.Json;

import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.LabeledSentence;

/** {@code stance bench-score}: scoring throughput, latency and memory of a model on real sentences. */
@Command(name = "bench-score", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Benchmark scoring: model load and first result, batch sentences/s, single-sentence latency p50/p99 in one JVM, peak memory "
                + "(docs/PERFORMANCE.md). Figures are printed, never asserted.")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATA.csv", description = "Sentences to score (the text column).")
    Path data;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL.zip")
    Path model;

    @Option(names = "--min-sentences", description = "Batch-score at least this many sentences (the data repeated; 1 or more).")
    int minSentences = 50_000;

    @Option(names = "--latency-calls", description = "Single-sentence calls timed for the latency percentiles (1 or more).")
    int latencyCalls = 2_000;

    @Option(names = "--threads", description = "Threads of the second batch measurement (the first uses one; default: the cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--rounds", description = "Batch measurements on 1 thread and on --threads, alternating; the median is reported with the range.")
    int rounds = 5;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (var option : List.of(Map.entry("--min-sentences", minSentences), Map.entry("--latency-calls", latencyCalls),
                Map.entry("--threads", threads), Map.entry("--rounds", rounds))) {
            if (option.getValue() < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), option.getKey() + " must be 1 or more, got " + option.getValue());
            }
        }
        List<LabeledSentence> rows = new DatasetReader(DatasetSchema.open(Set.of())).read(data).rows();
        PrintWriter err = spec.commandLine().getErr();
        ScoringBenchmark.Result r = ScoringBenchmark.run(model, rows.stream().map(LabeledSentence::text).toList(),
                rows.stream().map(LabeledSentence::target).toList(), minSentences, latencyCalls, threads, rounds, Progress.to(err));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            out.printf("model load %.2f s, first result %.2f s after the load began; batch scoring %,d sentences, median of %d rounds (slowest-fastest): %,.0f sentences/s on 1 thread "
                            + "(%,.0f-%,.0f), %,.0f on %d threads (%,.0f-%,.0f); single-sentence latency p50 %.3f ms, p99 %.3f ms; peak RSS %d MB%n",
                    r.loadSeconds(), r.firstResultSeconds(), r.sentences(), r.rounds(), r.batchSentencesPerSecond(), r.batchSlowest(), r.batchFastest(),
                    r.batchSentencesPerSecondAllThreads(), r.threads(), r.allThreadsSlowest(), r.allThreadsFastest(), r.latencyP50Ms(),
                    r.latencyP99Ms(), r.peakRssMb());
        }
        return 0;
    }
}
