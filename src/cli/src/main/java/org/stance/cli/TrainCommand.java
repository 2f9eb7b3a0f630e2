package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.jobs.TrainRequest;
import org.stance.jobs.TrainingJob;
import org.stance.eval.MetricsReport;

/** {@code stance train}: labeled sentences in, one model file out, with its dev (and test) figures. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Train a stance/topic classifier on labeled sentences (CSV with a text column and stance and/or topic "
                + "columns; optional article_id, target).",
                "Progress goes to stderr; the evaluation report to stdout; the model to -o.",
                "Limits: each CSV at most 1 GB; at most 1,000 labels per task (over 100 only with two rows per label on average); "
                        + "rows are bounded by memory only, and a model whose training would not fit the Java heap is refused before "
                        + "training starts (give more with STANCE_JAVA_OPTS=-Xmx...)."})
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TRAIN.csv", description = "Training sentences.")
    Path train;

    @Option(names = "--dev", paramLabel = "DEV.csv", description = "Sentences evaluated after training. With a mini-batch "
            + "optimizer they also choose the epoch, and without --dev 10%% of the training articles are held out for it; with LBFGS (the "
            + "default) nothing is held out.")
    Path dev;

    @Option(names = "--test", paramLabel = "TEST.csv", description = "Sentences evaluated once after training; figures stored in the model.")
    Path test;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL.zip", required = true, description = "Model file to write.")
    Path output;

    @Option(names = "--autotune", paramLabel = "DURATION", converter = DurationValue.class,
            description = "Search the settings for DURATION (e.g. 90s, 5m, 1h) by article-grouped 5-fold cross-validation on TRAIN.csv, "
                    + "maximising --metric; trials and the best so far go to stderr; the chosen settings and their CV figures are stored "
                    + "in the model, which is then trained on all of TRAIN.csv.")
    java.time.Duration autotune;

    @Option(names = "--held-out-sources", paramLabel = "LIST.tsv",
            description = "Pages kept for evaluation (every http(s) URL in the file, e.g. ../shared/corpus/HELD-OUT-PERIOD.tsv): a training "
                    + "row from one of them, or authored after one (source authored:URL), is refused with its file and line.")
    Path heldOutSources;

    @Option(names = "--json", description = "Print the manifest (settings, data hashes, figures) as JSON instead of text.")
    boolean json;

    @Option(names = "--force", description = "Overwrite -o even when git tracks it (the shipped model, a committed one).")
    boolean force;

    @Mixin
    TrainOptions options = new TrainOptions();

    @Spec
    CommandSpec spec;

    /** "90s", "5m", "1h" or "1h30m" (also ISO-8601 "PT5M"). */
    static final class DurationValue implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            String v = value.strip().toUpperCase(java.util.Locale.ROOT);
            try {
                java.time.Duration d = java.time.Duration.parse(v.startsWith("P") ? v : "PT" + v);
                if (d.isNegative() || d.isZero()) {
                    throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
                }
                return d;
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 5m or 1h");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        OutputGuard.refuseInputs(spec.commandLine(), output, OutputGuard.roles("training data", train, "dev data", dev, "test data", test,
                "held-out list", heldOutSources, "embeddings", options.embeddings));
        if (!force && GitTracked.isTracked(output)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), output + " is tracked by git (a shipped or committed model): "
                    + "write the new model elsewhere, or give --force to replace it");
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainRequest request = new TrainRequest(train, dev, test, output, options.config(spec.commandLine()),
                options.knownLabels(spec.commandLine()), options.skipInvalid, autotune,
                heldOutSources == null ? null : org.stance.data.HeldOutSources.read(heldOutSources));
        TrainingJob.Outcome outcome = new TrainingJob(Progress.to(err)).run(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(org.stance.artifact.Json.write(outcome.manifest()));
        } else {
            outcome.manifest().evaluation().forEach((split, figures) -> figures.values().forEach(f -> out.print(MetricsReport.text(split, f.toMetrics()))));
            var evaluation = outcome.manifest().evaluation();
            out.println("figures: 'train' is the training rows themselves (optimistic)"
                    + (evaluation.containsKey("dev") ? (dev != null ? "; 'dev' is " + dev : "; 'dev' is the training articles held out for early stopping")
                            : "") + (test != null ? "; 'test' is " + test + ", used once after training" : "")
                    + (evaluation.containsKey("dev") || test != null ? "" : "; no held-out figures: give --test TEST.csv, or estimate them with "
                            + "'stance cross-validate'"));
            boolean converged = !outcome.manifest().trainConfig().optimizer().earlyStopping();
            out.printf("model written to %s (%s %d, %.1f s)%n", output, converged ? "LBFGS iterations" : "best epoch", outcome.manifest().bestEpoch(),
                    outcome.manifest().trainingSeconds());
        }
        return 0;
    }
}
