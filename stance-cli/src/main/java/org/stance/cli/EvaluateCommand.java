package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.stance.jobs.CrossValidation;
import org.stance.jobs.DatasetEvaluation;
import org.stance.artifact.ModelArtifact;
import org.stance.data.Dataset;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.eval.Metrics;
import org.stance.eval.MetricsReport;

/** {@code stance evaluate}: a model against labeled sentences, or K-fold cross-validation grouped by article. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Evaluate a model on labeled sentences: accuracy, macro-F1, per-class precision/recall/F1, "
                + "confusion matrix, expected calibration error (and F_avg when the labels include favor/against).",
                "With --cv K, train and evaluate K models instead, grouped by article (training options as for train)."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATA.csv", description = "Labeled sentences.")
    Path data;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.zip", description = "Model to evaluate.")
    Path model;

    @Option(names = "--cv", paramLabel = "K", description = "Run K-fold cross-validation grouped by article on DATA instead of evaluating a model.")
    Integer folds;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--articles", description = "Also evaluate the article verdicts against the articles' majority sentence position.")
    boolean articles;

    @Option(names = "--neutral-mass", defaultValue = "" + org.stance.api.ArticleAggregator.DEFAULT_NEUTRAL_MASS,
            description = "Article verdict setting (see score --help).")
    double neutralMass;

    @Mixin
    TrainOptions training = new TrainOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (folds == null)) {
            throw new ParameterException(spec.commandLine(), "give either --model MODEL.zip or --cv K");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (model != null) {
            ModelArtifact.Loaded loaded = ModelArtifact.load(model);
            Map<String, List<String>> known = new LinkedHashMap<>(loaded.classifier().labels());
            Dataset d = new DatasetReader(DatasetSchema.open(Set.of()).withKnownLabels(known)).read(data);
            Map<String, Metrics> metrics = new LinkedHashMap<>(DatasetEvaluation.evaluate(loaded.classifier(), d.rows()));
            if (metrics.isEmpty()) {
                throw new org.stance.UserError(data + ": no row carries a label of the model's tasks " + known.keySet());
            }
            if (articles) {
                metrics.put("article", org.stance.jobs.ArticleEvaluation.evaluate(org.stance.api.StanceModel.of(loaded, 1, 0.0, neutralMass),
                        d.rows(), neutralMass));
            }
            out.print(json ? ModelArtifact.toJson(metrics) + "\n" : MetricsReport.text("", metrics));
            return 0;
        }
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--cv needs at least 2 folds");
        }
        Dataset d = new DatasetReader(training.closedLabels(spec.commandLine())
                ? new DatasetSchema(Set.of(), DatasetSchema.iraqPresence().knownLabels()) : DatasetSchema.open(Set.of())).read(data);
        CrossValidation.Result result = new CrossValidation(Progress.to(err)).run(d, training.config(spec.commandLine()), folds);
        if (json) {
            out.println(ModelArtifact.toJson(result));
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
