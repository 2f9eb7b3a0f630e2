package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.stance.artifact.Json;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.eval.Metrics;
import org.stance.eval.MetricsReport;
import org.stance.jobs.CrossValidation;

/** {@code stance cross-validate}: K models trained and evaluated on folds grouped by article. */
@Command(name = "cross-validate", aliases = "cv", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"K-fold cross-validation grouped by article: every fold is scored by a model trained on the others "
                + "(training options as for train), with per-fold spread and pooled figures."})
final class CrossValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATA.csv", description = "Labeled sentences (with article_id, so that an article stays in one fold).")
    Path data;

    @Option(names = {"-k", "--folds"}, description = "Number of folds (2 or more).")
    int folds = 5;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--quantize", description = "Quantize each fold's model as 'stance quantize' does, with its defaults, before it scores"
            + " its fold: the figures a quantized model gets.")
    boolean quantize;

    @Mixin
    TrainOptions training = new TrainOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be 2 or more, got " + folds);
        }
        var config = training.config(spec.commandLine());
        var progress = Progress.to(spec.commandLine().getErr());
        Dataset d = org.stance.jobs.TrainingJob.reader(training.knownLabels(spec.commandLine()), config.tasks(), training.skipInvalid, progress).read(data);
        CrossValidation cv = new CrossValidation(progress);
        CrossValidation.Result result = (quantize ? cv.quantized(org.stance.quantize.QuantizeConfig.DEFAULTS) : cv).run(d, config, folds);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(result));
            return 0;
        }
        result.perFold().forEach((task, list) -> {
            double[] f1 = CrossValidation.meanStd(list.stream().map(Metrics::macroF1).toList());
            double[] acc = CrossValidation.meanStd(list.stream().map(Metrics::accuracy).toList());
            out.printf("%s: %d-fold macro-F1 %.4f ± %.4f, accuracy %.4f ± %.4f%n", task, folds, f1[0], f1[1], acc[0], acc[1]);
        });
        out.print(MetricsReport.text("pooled", result.pooled()));
        return 0;
    }
}
