package org.stance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.stance.api.LabelScores;
import org.stance.api.StanceModel;
import org.stance.data.ArticleSource;
import org.stance.data.DatasetReader;
import org.stance.data.DatasetSchema;
import org.stance.data.LabeledSentence;
import org.stance.data.PreparedSentences;
import org.stance.jobs.LabelSuggester;

/** {@code stance suggest}: the sentences worth labeling next, with the label columns left empty. */
@Command(name = "suggest", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        description = {"Pick the sentences worth labeling next: those the model is least sure about, weighted up where it predicts a "
                + "class with few training examples, at most --per-article from one article, no near-duplicates, nothing already labeled.",
                "Writes the dataset's columns with the labels empty, plus 'reason' and the model's guess in separate columns "
                        + "(model_stance, model_stance_p, model_topic, model_topic_p) that an annotator can hide.",
                "Loop: suggest -> label -> train -> evaluate (README)."})
final class SuggestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARTICLES", description = "Raw article files, folders (*.txt) or - (segmented as prepare does).")
    List<Path> articles = new ArrayList<>();

    @Option(names = "--prepared", paramLabel = "FILE.csv", description = "Sentences already segmented (the output of prepare, or any "
            + "dataset CSV: its labels are ignored) instead of raw ARTICLES.")
    Path prepared;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL.zip", description = "The model that ranks (default: the shipped model).",
            defaultValue = "${env:STANCE_HOME:-.}/models/iraq-presence.zip")
    Path model;

    @Option(names = "-n", description = "Sentences to pick.")
    int n = 100;

    @Option(names = "--per-article", description = "At most this many from one article.")
    int perArticle = 5;

    @Option(names = "--near-duplicate", description = "Sentences whose word sets overlap this much (Jaccard, 0-1) count as one.")
    double nearDuplicate = 0.8;

    @Option(names = "--exclude", paramLabel = "DATASET.csv", description = "Labeled sentences never to suggest again (nor near-duplicates of them); repeatable.")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--target", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER, description = "Target of the stance, for models that read one.")
    String target = "";

    @Mixin
    OutputOption output = new OutputOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputGuard.refuseInputs(spec.commandLine(), output.path(), OutputGuard.roles("article input", articles.isEmpty() && prepared == null
                ? List.of(Path.of("-")) : articles, "prepared sentences", prepared, "model", model, "exclude list", exclude));
        output.checkWritable();
        if ((prepared == null) == articles.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give raw ARTICLES or --prepared FILE.csv (one of them)");
        }
        LabelSuggester.Settings settings = new LabelSuggester.Settings(n, perArticle, nearDuplicate);
        List<LabelSuggester.Sentence> sentences = new ArrayList<>();
        if (prepared != null) {
            for (LabeledSentence r : new DatasetReader(DatasetSchema.open(Set.of())).read(prepared).rows()) {
                sentences.add(new LabelSuggester.Sentence(r.articleId(), r.sentenceId(), r.source(), r.text()));
            }
        } else {
            for (PreparedSentences.Row r : PreparedSentences.of(ArticleSource.read(articles, System.in), false).rows()) {
                sentences.add(new LabelSuggester.Sentence(r.article().id(), String.valueOf(r.segment().index()), r.article().source(),
                        r.segment().text()));
            }
        }
        List<String> excluded = new ArrayList<>();
        DatasetReader reader = new DatasetReader(DatasetSchema.open(Set.of()));
        exclude.forEach(p -> reader.read(p).rows().forEach(r -> excluded.add(r.text())));
        StanceModel scorer = StanceModel.load(model);
        try {
            scorer.checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--target: " + e.getMessage());
        }
        List<LabelSuggester.Candidate> picked = new LabelSuggester(scorer, settings).suggest(sentences, excluded, target);
        output.write(w -> {
            List<String> header = new ArrayList<>(LabeledSentence.COLUMNS);
            header.addAll(List.of("reason", "model_stance", "model_stance_p", "model_topic", "model_topic_p"));
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build());
            for (LabelSuggester.Candidate c : picked) {
                List<Object> row = new ArrayList<>(List.of(c.articleId(), c.sentenceId(), c.source(), "", "", "", c.text(), c.reason()));
                addGuess(row, c.score().stance());
                addGuess(row, c.score().topic());
                csv.printRecord(org.stance.io.SpreadsheetSafe.cells(row));
            }
            csv.flush();
        });
        spec.commandLine().getErr().printf("suggest: %d of %d sentences picked%s%n", picked.size(), sentences.size(),
                output.isStdout() ? "" : " -> " + output.path());
        return 0;
    }

    private static void addGuess(List<Object> row, LabelScores s) {
        row.add(s == null ? "" : s.label());
        row.add(s == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", s.probability()));
    }
}
