package org.stance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.stance.artifact.Json;
import org.stance.artifact.ModelCodec;
import org.stance.artifact.ModelManifest;
import org.stance.eval.MetricsReport;

/** {@code stance inspect}: what a model file holds, without loading the network. */
@Command(name = "inspect", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Print a model's manifest: format, labels, normalisation, features, hyperparameters, data hashes, figures.",
                "Checks every part of the file against the SHA-256 its manifest records, and prints the file's own SHA-256."})
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL.zip", description = "Model file.")
    Path model;

    @Option(names = "--json", description = "Print the whole manifest as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    private static String names(java.util.Map<String, Boolean> steps, boolean on) {
        String joined = steps.entrySet().stream().filter(e -> e.getValue() == on).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.joining(", "));
        return joined.isEmpty() ? "none" : joined;
    }

    private String fileSha256() {
        try {
            return org.stance.io.Hashes.sha256(model);
        } catch (java.io.IOException e) {
            throw new org.stance.UserError("cannot read " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        ModelManifest m = ModelCodec.readManifest(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(java.util.Map.of("fileSha256", fileSha256()), m));
            return 0;
        }
        out.printf("model:        %s%n", model);
        out.printf("sha256:       %s (the file's own; every part matched the %s its manifest records)%n", fileSha256(),
                m.integrity().partsCrc32() == null ? "SHA-256" : "SHA-256 and CRC-32");
        out.printf("format:       %s v%d (written by stance %s on %s)%n", m.format(), m.formatVersion(), m.projectVersion(), m.createdAt());
        m.labels().forEach((task, labels) -> out.printf("labels:       %s = %s%n", task, String.join(", ", labels)));
        out.printf("normaliser:   on: %s; off: %s%n", names(m.normalizer(), true), names(m.normalizer(), false));
        ModelManifest.Features f = m.features();
        out.printf("features:     %,d n-grams (word 1-%d-grams, character %d-%d-grams%s, in at least %d sentences, at most %,d)%s%s; %,d inputs%n",
                f.ngramCount(), f.wordNgrams(), f.charMin(), f.charMax(), f.stems() ? ", light stems" : "", f.minDf(), f.maxFeatures(),
                f.articleContext() > 0 ? ", article context weight " + f.articleContext() : "", f.useTarget() ? ", target as input"
                        + (f.targetCross() ? " (crossed)" : "") : "", f.inputSize());
        if (!m.targets().isEmpty()) {
            out.printf("targets:      %s%n", String.join(", ", m.targets()));
        }
        out.printf("embeddings:   %s%n", m.embeddings() == null ? "none (n-grams only)"
                : m.embeddings().pooling() + " pooling of " + m.embeddings().words() + " words x " + m.embeddings().dimension() + " dims, "
                + Redact.paths(m.embeddings().provenance().getOrDefault("corpus.description", "")));
        ModelManifest.Network n = m.network();
        out.printf("network:      %s, %s, L2 %s, class weights %s, metric %s, seed %d, %,d parameters%s%n", n.optimizer(),
                n.hidden() == 0 ? "no hidden layer" : n.hidden() + " hidden units, input dropout " + n.inputDropout(), n.l2(),
                n.classWeighting().toLowerCase(java.util.Locale.ROOT), n.metric() == null ? "auto" : n.metric().toLowerCase(java.util.Locale.ROOT),
                n.seed(), n.parameters(), m.trainConfig().optimizer().earlyStopping() ? ", learning rate " + n.learningRate() + ", batch "
                        + n.batchSize() + ", at most " + n.maxEpochs() + " epochs, patience " + n.patience() : "");
        out.printf("no position:  %s%n", String.join(", ", m.noPositionLabels()));
        if (m.trainConfig().optimizer().earlyStopping()) {
            out.printf("best epoch:   %d of %d run (%.1f s)%n", m.bestEpoch(), m.history().size(), m.trainingSeconds());
        } else {
            out.printf("training:     converged LBFGS fit, at most %d iterations per task (%.1f s)%n", m.bestEpoch(), m.trainingSeconds());
        }
        if (m.quantization() != null) {
            ModelManifest.Quantization q = m.quantization();
            out.printf("quantized:    from the model of sha256 %s: %,d of its %,d n-gram features kept, first layer in 8 bits%s, %s"
                    + " (its figures are not carried over: measure with quantize --evaluate or evaluate)%n", q.source(), f.ngramCount(),
                    q.featuresBefore(), m.embeddings() == null ? "" : ", word vectors product-quantized (sub-vectors of " + q.subDimension() + ", "
                    + q.centroids() + " centroids)", q.retrainedOn() == null ? "weights as the full model's"
                    : "weights fitted again on the data of sha256 " + q.retrainedOn());
        }
        if (!m.decisionOffsets().isEmpty()) {
            out.printf("offsets:      %s (added to the output bias, chosen on held-out folds)%n", m.decisionOffsets());
        }
        if (m.tuning() != null) {
            out.printf("autotune:     %d trials in %.0f s budget, best trial %d (%s)%n", m.tuning().trials().size(), m.tuning().budgetSeconds(),
                    m.tuning().bestTrial(), m.tuning().metric());
        }
        for (ModelManifest.Data d : m.data()) {
            out.printf("data %-6s  %s  sha256 %s  %,d sentences, %,d articles%n", d.role() + ":", Redact.paths(d.file()), d.sha256(), d.sentences(),
                    d.articles());
            d.labelCounts().forEach((task, counts) -> out.printf("              %s: %s%n", task, counts.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))));
        }
        m.evaluation().forEach((split, figures) -> figures.values().forEach(figure -> out.print(MetricsReport.text(split, figure.toMetrics()))));
        out.println("model card:   models/MODEL_CARD.md in the stance repository (the shipped model: intended use, training data and"
                + " period, figures on real text, known failure modes); datasets/README.md for the data");
        return 0;
    }
}
