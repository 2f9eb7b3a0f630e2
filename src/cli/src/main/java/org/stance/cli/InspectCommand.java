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
        out.printf("sha256:       %s (the file's own; every part matched the SHA-256 its manifest records)%n", fileSha256());
        out.printf("format:       %s v%d (written by stance %s on %s)%n", m.format(), m.formatVersion(), m.projectVersion(), m.createdAt());
        m.labels().forEach((task, labels) -> out.printf("labels:       %s = %s%n", task, String.join(", ", labels)));
        out.printf("normaliser:   %s%n", m.normalizer());
        out.printf("features:     %d n-grams, %d inputs %s%n", m.features().ngramCount(), m.features().inputSize(), m.features());
        if (!m.targets().isEmpty()) {
            out.printf("targets:      %s%n", String.join(", ", m.targets()));
        }
        out.printf("embeddings:   %s%n", m.embeddings() == null ? "none (n-grams only)"
                : m.embeddings().pooling() + " pooling of " + m.embeddings().words() + " words x " + m.embeddings().dimension() + " dims, "
                + m.embeddings().provenance().getOrDefault("corpus.description", ""));
        out.printf("network:      %s%n", m.network());
        out.printf("no position:  %s%n", String.join(", ", m.noPositionLabels()));
        if (m.trainConfig().optimizer().earlyStopping()) {
            out.printf("best epoch:   %d of %d run (%.1f s)%n", m.bestEpoch(), m.history().size(), m.trainingSeconds());
        } else {
            out.printf("training:     converged LBFGS fit, at most %d iterations per task (%.1f s)%n", m.bestEpoch(), m.trainingSeconds());
        }
        if (!m.decisionOffsets().isEmpty()) {
            out.printf("offsets:      %s (added to the output bias, chosen on held-out folds)%n", m.decisionOffsets());
        }
        if (m.tuning() != null) {
            out.printf("autotune:     %d trials in %.0f s budget, best trial %d (%s)%n", m.tuning().trials().size(), m.tuning().budgetSeconds(),
                    m.tuning().bestTrial(), m.tuning().metric());
        }
        for (ModelManifest.Data d : m.data()) {
            out.printf("data %-6s  %s  sha256 %s  %d sentences, %d articles  %s%n", d.role() + ":", d.file(), d.sha256(), d.sentences(),
                    d.articles(), d.labelCounts());
        }
        m.evaluation().forEach((split, figures) -> figures.values().forEach(f -> out.print(MetricsReport.text(split, f.toMetrics()))));
        out.println("model card:   models/MODEL_CARD.md in the stance repository (the shipped model: intended use, training data and"
                + " period, figures on real text, known failure modes); datasets/README.md for the data");
        return 0;
    }
}
