package org.stance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.UserError;
import org.stance.artifact.ModelCodec;
import org.stance.data.Dataset;
import org.stance.eval.Metrics;
import org.stance.io.Hashes;
import org.stance.jobs.DatasetEvaluation;
import org.stance.model.Classifier;
import org.stance.quantize.QuantizeConfig;
import org.stance.quantize.Quantizer;

/** {@code stance quantize}: a smaller copy of a model, as fastText's {@code quantize}. */
@Command(name = "quantize", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Write a smaller copy of a model: the n-gram features whose weights weigh most are kept, the first layer's weights"
                + " are stored in 8 bits (a scale per feature) and the word vectors product-quantized (one byte per sub-vector).",
                "Scores change a little: --evaluate measures by how much. The README states the loss on the shipped model."})
final class QuantizeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL.zip", description = "The full model.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SMALL.zip", description = "Where to write the quantized model.")
    Path output;

    @Option(names = "--features", paramLabel = "N", description = "N-gram features to keep, those of largest weight (0: all).")
    int features = QuantizeConfig.DEFAULTS.features();

    @Option(names = "--subwords", paramLabel = "N", description = "Character n-gram vectors to keep for words the vectors do not know,"
            + " the most widespread first (0: all).")
    int subwords = QuantizeConfig.DEFAULTS.subwords();

    @Option(names = "--subvector-dim", paramLabel = "D", description = "Values per product-quantized sub-vector of the word vectors"
            + " (must divide their dimension): larger is smaller and coarser.")
    int subDimension = QuantizeConfig.DEFAULTS.subDimension();

    @Option(names = "--centroids", paramLabel = "K", description = "Centroids per codebook, 2 to 256.")
    int centroids = QuantizeConfig.DEFAULTS.centroids();

    @Option(names = "--seed", description = "Seeds k-means: the same model and settings give the same file.")
    long seed = QuantizeConfig.DEFAULTS.seed();

    @Option(names = "--retrain", paramLabel = "TRAIN.csv", description = "Fit the weights again over the kept features on the data the"
            + " model was trained on (as 'fasttext quantize -retrain'): the dropped features' share moves to the kept ones. Recommended:"
            + " without it, pruning costs more (the README has both).")
    Path retrain;

    @Option(names = "--evaluate", paramLabel = "DATA.csv", description = "Labeled sentences to score with both models: prints each task's"
            + " macro-F1 and accuracy before and after.")
    Path evaluate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputGuard.refuseInputs(spec.commandLine(), output, OutputGuard.roles("model", model, "data", evaluate, "training data",
                retrain));
        QuantizeConfig config;
        try {
            config = new QuantizeConfig(features, subwords, subDimension, centroids, seed);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ModelCodec.checkWritable(output);
        PrintWriter err = spec.commandLine().getErr();
        ModelCodec.Loaded full = ModelCodec.load(model);
        if (full.manifest().quantization() != null) {
            throw new UserError(model + " is quantized already: quantize the full model it was made from");
        }
        Dataset data = evaluate == null ? null : DatasetEvaluation.read(full.classifier(), evaluate);
        if (full.classifier().featurizer().embeddings() != null && full.classifier().featurizer().embeddings().dimension() % subDimension != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--subvector-dim " + subDimension
                    + " does not divide the word vectors' dimension " + full.classifier().featurizer().embeddings().dimension());
        }
        var train = full.manifest().trainConfig();
        Quantizer.Retraining retraining = null;
        if (retrain != null) {
            if (train.optimizer().earlyStopping()) {
                throw new UserError(model + " was trained by " + train.optimizer() + ", which needs a dev set to stop: --retrain refits LBFGS"
                        + " models only; quantize it without --retrain");
            }
            var progress = Progress.to(err);
            var rows = org.stance.jobs.TrainingJob.reader(full.classifier().labels(), full.classifier().tasks(), false, progress).read(retrain).rows();
            for (var task : full.classifier().labels().entrySet()) {
                var seen = rows.stream().map(r -> r.label(task.getKey())).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.toSet());
                var missing = task.getValue().stream().filter(l -> !seen.contains(l)).toList();
                if (!missing.isEmpty()) {
                    throw new UserError(retrain + ": no row has the " + task.getKey() + " label" + (missing.size() > 1 ? "s " : " ") + missing
                            + " of the model: retrain on the data it was trained on");
                }
            }
            retraining = new Quantizer.Retraining(rows, List.of(), full.manifest().decisionOffsets(), progress);
        }
        long t = System.nanoTime();
        Quantizer.Quantized q = Quantizer.quantize(full.classifier(), train, config, retraining);
        ModelCodec.save(output, full.manifest(), Hashes.sha256(model), retrain == null ? null : Hashes.sha256(retrain), q);
        err.printf("quantized %s (%s, %,d features) into %s (%s, %,d features%s) in %.1f s%n", model, megabytes(model), q.featuresBefore(),
                output, megabytes(output), q.classifier().featurizer().vocabulary().hashes().length, retrain == null ? "" : ", retrained on "
                + retrain, (System.nanoTime() - t) / 1e9);
        err.flush();
        if (data != null) {
            Classifier small = ModelCodec.load(output).classifier(); // as a user will load it
            Map<String, Metrics> before = DatasetEvaluation.sentences(full.classifier(), data.rows());
            Map<String, Metrics> after = DatasetEvaluation.sentences(small, data.rows());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s (%,d sentences)%n%-10s %12s %12s %9s %12s %12s%n", evaluate, data.rows().size(), "task", "macro-F1", "quantized", "change",
                    "accuracy", "quantized");
            for (String task : List.copyOf(before.keySet())) {
                Metrics b = before.get(task);
                Metrics a = after.get(task);
                out.printf("%-10s %12.4f %12.4f %+9.4f %12.4f %12.4f%n", task, b.macroF1(), a.macroF1(), a.macroF1() - b.macroF1(), b.accuracy(),
                        a.accuracy());
            }
            out.flush();
        }
        return 0;
    }

    private static String megabytes(Path file) throws IOException {
        return String.format("%.2f MB", Files.size(file) / 1e6);
    }
}
