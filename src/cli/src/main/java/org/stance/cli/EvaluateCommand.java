package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.UserError;
import org.stance.api.ArticleAggregator;
import org.stance.artifact.Json;
import org.stance.artifact.ModelCodec;
import org.stance.data.Dataset;
import org.stance.eval.Metrics;
import org.stance.eval.MetricsReport;
import org.stance.jobs.ArticleEvaluation;
import org.stance.jobs.DatasetEvaluation;

/** {@code stance evaluate}: a trained model against labeled sentences (cross-validation is {@code cross-validate}). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Evaluate a model on labeled sentences: accuracy, macro-F1, per-class precision/recall/F1, "
                + "confusion matrix, expected calibration error (and F_avg when the labels include favor/against).",
                "To train and evaluate K models by article instead, see 'stance cross-validate'."})
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATA.csv", description = "Labeled sentences.")
    Path data;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.zip", required = true, description = "Model to evaluate.")
    Path model;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Option(names = "--articles", description = "Also evaluate the article verdicts against the articles' majority sentence position.")
    boolean articles;

    @Option(names = "--predictions", paramLabel = "FILE.csv", description = "Also write each row's prediction, as the figures count it: "
            + "article_id, sentence_id, then per task the gold label, the predicted label and its probability (in the article's context "
            + "when the model has one, as evaluate scores).")
    Path predictions;

    @Option(names = "--errors", description = "With --predictions: write only the rows whose prediction is wrong in some task "
            + "(for reading the model's mistakes).")
    boolean errorsOnly;

    @Option(names = "--neutral-mass", description = "Article verdict setting (see score --help).")
    double neutralMass = ArticleAggregator.DEFAULT_NEUTRAL_MASS;

    @Spec
    CommandSpec spec;

    /** A model that reads the target must be given one it knows on every row (as score --target must). */
    private void checkTargets(ModelCodec.Loaded loaded, Dataset d) {
        if (!loaded.manifest().features().useTarget()) {
            return;
        }
        List<String> known = loaded.manifest().targets();
        for (var row : d.rows()) {
            if (!known.contains(row.target())) {
                throw new UserError(data + ":" + row.line() + ": " + (row.target().isEmpty() ? "no target (the model reads the target column)"
                        : "target '" + row.target() + "' is not one the model knows") + "; known targets: " + String.join(", ", known));
            }
        }
    }

    @Override
    public Integer call() {
        ArticleAggregator aggregator = articles ? new ArticleAggregator(neutralMass, List.of()) : null; // checks --neutral-mass first
        OutputGuard.refuseInputs(spec.commandLine(), predictions, OutputGuard.roles("data", data, "model", model));
        if (errorsOnly && predictions == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--errors needs --predictions FILE.csv");
        }
        if (predictions != null) {
            org.stance.io.AtomicFile.checkWritable(predictions, "");
        }
        ModelCodec.Loaded loaded = ModelCodec.load(model);
        Dataset d = DatasetEvaluation.read(loaded.classifier(), data);
        checkTargets(loaded, d);
        Map<String, float[][]> probs = loaded.classifier().predictRows(d.rows());
        Map<String, Metrics> metrics = new LinkedHashMap<>(DatasetEvaluation.sentences(loaded.classifier(), d.rows(), probs));
        if (metrics.isEmpty()) {
            throw new UserError(data + ": no row carries a label of the model's tasks " + loaded.classifier().labels().keySet());
        }
        if (aggregator != null) {
            metrics.put("article", ArticleEvaluation.evaluate(loaded.classifier(), d.rows(),
                    new ArticleAggregator(neutralMass, loaded.manifest().noPositionLabels())));
        }
        if (predictions != null) {
            writePredictions(loaded, d, probs);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(metrics) + "\n" : MetricsReport.text("", metrics));
        return 0;
    }

    private void writePredictions(ModelCodec.Loaded loaded, Dataset d, Map<String, float[][]> probs) {
        var classifier = loaded.classifier();
        List<String> header = new java.util.ArrayList<>(List.of("article_id", "sentence_id"));
        for (String task : classifier.tasks()) {
            header.addAll(List.of(task, "predicted_" + task, "probability_" + task));
        }
        try {
            org.stance.io.AtomicFile.write(predictions, stream -> {
                var w = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
                var printer = new org.apache.commons.csv.CSVPrinter(w, org.apache.commons.csv.CSVFormat.RFC4180);
                printer.printRecord(header);
                for (int i = 0; i < d.size(); i++) {
                    var r = d.rows().get(i);
                    List<String> cells = new java.util.ArrayList<>(List.of(r.articleId(), r.sentenceId()));
                    boolean wrong = false;
                    for (String task : classifier.tasks()) {
                        var top = org.stance.api.LabelScores.of(classifier.labels().get(task), probs.get(task)[i]);
                        cells.addAll(List.of(r.label(task), top.label(), org.stance.api.LabelScores.plain(top.probability())));
                        wrong |= !r.label(task).isEmpty() && !r.label(task).equals(top.label());
                    }
                    if (wrong || !errorsOnly) {
                        printer.printRecord(org.stance.io.SpreadsheetSafe.cells(cells));
                    }
                }
                printer.flush();
            });
        } catch (java.io.IOException e) {
            throw new UserError("cannot write " + predictions + ": " + e.getMessage(), e);
        }
    }
}
