package org.stance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.stance.curation.DatasetLayout;
import org.stance.curation.DatasetSplitter;
import org.stance.curation.IraqPresence;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetWriter;
import org.stance.data.LabeledSentence;

/**
 * {@code stance dataset add}: labeled rows (a {@code suggest} batch once labeled) into the dataset.
 * The rows are checked against the dataset's label sets, must all be labeled, and may repeat no
 * sentence of the dataset; the {@code suggest} columns (reason, model_*) are dropped. sentences.csv
 * and the three splits are rewritten together, atomically: old articles keep their split, new ones
 * go where a hash of their id puts them, so the test set does not move.
 */
@Command(name = "add", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Add labeled rows (e.g. a labeled 'suggest' batch) to the dataset: checked, appended to sentences.csv, and placed in "
                + "the splits without moving any article already there."})
final class DatasetAddCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BATCH.csv", description = "Labeled rows: article_id, sentence_id, source, target, stance, topic, text (other columns are dropped).")
    Path batch;

    @Option(names = "--dataset", paramLabel = "DIR", defaultValue = DatasetCommand.DEFAULT_DIR, description = "Dataset folder.")
    Path dir;

    @picocli.CommandLine.Mixin
    SplitOptions cut = new SplitOptions(); // as 'dataset split', so that both place a new article alike

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DatasetLayout layout = new DatasetLayout(dir);
        layout.requireSentences();
        OutputGuard.refuseInputs(spec.commandLine(), batch, OutputGuard.roles("dataset file", layout.sentences()));
        DatasetReader reader = new DatasetReader(IraqPresence.schema()); // every label filled, from the guidelines' sets
        List<LabeledSentence> rows = new ArrayList<>(reader.read(layout.sentences()).rows());
        List<LabeledSentence> added = reader.read(batch).rows();
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> texts = new HashMap<>();
        for (LabeledSentence r : rows) {
            keys.put(r.articleId() + "#" + r.sentenceId(), r.line());
            texts.put(r.text().strip(), r.line());
        }
        for (LabeledSentence r : added) {
            Integer same = keys.get(r.articleId() + "#" + r.sentenceId());
            if (same != null) {
                throw new UserError(batch + ":" + r.line() + ": article " + r.articleId() + " sentence " + r.sentenceId() + " is already "
                        + layout.sentences() + ":" + same);
            }
            Integer text = texts.get(r.text().strip());
            if (text != null) {
                throw new UserError(batch + ":" + r.line() + ": the same text is already " + layout.sentences() + ":" + text);
            }
            keys.put(r.articleId() + "#" + r.sentenceId(), r.line());
            texts.put(r.text().strip(), r.line());
        }
        Map<String, String> existing = existingSplits(layout);
        rows.addAll(added);
        Map<String, List<LabeledSentence>> splits = DatasetSplitter.extend(rows, existing, cut.folds, cut.testFolds, cut.devFolds, cut.seed);
        Map<Path, List<LabeledSentence>> files = new LinkedHashMap<>();
        files.put(layout.sentences(), rows);
        splits.forEach((name, part) -> files.put(layout.split(name), part));
        DatasetWriter.writeAll(files); // one unit: sentences.csv and the splits change together or not at all
        Map<String, Long> placed = new LinkedHashMap<>();
        added.stream().map(LabeledSentence::groupKey).distinct().forEach(a -> placed.merge(existing.getOrDefault(a,
                splits.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(r -> r.groupKey().equals(a))).map(Map.Entry::getKey)
                        .findFirst().orElse("train")), 1L, Long::sum));
        spec.commandLine().getErr().printf("added %d rows of %d articles to %s; articles placed: %s; no article already in a split moved%n",
                added.size(), added.stream().map(LabeledSentence::groupKey).distinct().count(), layout.sentences(), placed);
        return 0;
    }

    /** Article key → split, from the split files that exist (empty when there are none yet). */
    static Map<String, String> existingSplits(DatasetLayout layout) {
        Map<String, String> out = new HashMap<>();
        for (String split : DatasetLayout.SPLITS) {
            Path file = layout.split(split);
            if (Files.isRegularFile(file)) {
                for (LabeledSentence r : new DatasetReader(IraqPresence.schema()).read(file).rows()) {
                    out.put(r.groupKey(), split);
                }
            }
        }
        return out;
    }
}
