package org.stance.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stance.api.ArticleScore;
import org.stance.api.LabelScores;
import org.stance.api.RecordFields;
import org.stance.api.SentenceScore;

/**
 * One CSV row per sentence (level=sentence) and per article verdict (level=article), with the top
 * labels, their probabilities, and one probability column per label; with {@code --top-k K}, the
 * labels ranked 2 to K and their probabilities instead of the per-label columns. With
 * {@code --fields}, only the columns of the fields named (and level, article_id, sentence_id and
 * skipped, always): {@code text}, each task's label and probability, {@code uncertain}, and
 * {@code probabilities} for the per-label (or ranked) columns of the tasks shown.
 */
final class CsvScoreWriter implements ScoreWriter {

    private final CSVPrinter printer;
    private final List<String> stanceLabels;
    private final List<String> topicLabels;
    private final java.util.Map<String, List<String>> otherLabels; // tasks of other names, after stance and topic

    private final boolean explain;
    private final int topK;
    private final RecordFields fields;

    /** @param labels the model's tasks → labels: stance and topic have their columns always (empty without the task), other tasks after them */
    CsvScoreWriter(Writer out, java.util.Map<String, List<String>> labels, boolean explain, int topK, RecordFields fields) throws IOException {
        this.fields = fields;
        this.stanceLabels = labels.getOrDefault("stance", List.of());
        this.topicLabels = labels.getOrDefault("topic", List.of());
        this.otherLabels = new java.util.LinkedHashMap<>(labels);
        otherLabels.keySet().removeAll(List.of("stance", "topic"));
        this.explain = explain;
        this.topK = topK;
        java.util.Map<String, List<String>> all = new java.util.LinkedHashMap<>();
        all.put("stance", stanceLabels);
        all.put("topic", topicLabels);
        all.putAll(otherLabels);
        all.keySet().removeIf(task -> !fields.has(task));
        List<String> header = new ArrayList<>(List.of("level", "article_id", "sentence_id"));
        if (fields.has("text")) {
            header.add("text");
        }
        all.keySet().forEach(task -> header.addAll(List.of(task, task + "_probability")));
        if (fields.has("uncertain")) {
            header.add("uncertain");
        }
        header.add("skipped");
        all.forEach((task, taskLabels) -> {
            if (!fields.has("probabilities")) {
                return;
            }
            if (topK > 0) {
                for (int rank = 2; rank <= Math.min(topK, taskLabels.size()); rank++) {
                    header.add(task + "_" + rank);
                    header.add(task + "_" + rank + "_probability");
                }
            } else {
                taskLabels.forEach(l -> header.add("p_" + task + "_" + l));
            }
        });
        if (explain) {
            header.add("explain");
        }
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build());
    }

    @Override
    public void sentence(String articleId, SentenceScore s) throws IOException {
        List<Object> row = new ArrayList<>(List.of("sentence", articleId == null ? "" : articleId, s.id()));
        if (fields.has("text")) {
            row.add(s.text());
        }
        addTask(row, "stance", s.stance());
        addTask(row, "topic", s.topic());
        otherLabels.keySet().forEach(task -> addTask(row, task, s.otherTasks().get(task)));
        if (fields.has("uncertain")) {
            row.add(s.skipped() == null ? String.valueOf(s.uncertain()) : "");
        }
        row.add(s.skipped() == null ? "" : s.skipped());
        addProbabilities(row, "stance", s.stance(), stanceLabels);
        addProbabilities(row, "topic", s.topic(), topicLabels);
        otherLabels.forEach((task, labels) -> addProbabilities(row, task, s.otherTasks().get(task), labels));
        if (explain) {
            row.add(ExplanationText.of(s.explanation()));
        }
        printer.printRecord(org.stance.io.SpreadsheetSafe.cells(row));
    }

    @Override
    public void article(ArticleScore a) throws IOException {
        List<Object> row = new ArrayList<>(List.of("article", a.articleId(), ""));
        if (fields.has("text")) {
            row.add(a.evidence().isEmpty() ? "" : a.evidence().get(0).text());
        }
        addTask(row, "stance", a.stance());
        if (fields.has("topic")) {
            row.add(a.topics().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse(""));
            row.add("");
        }
        otherLabels.keySet().forEach(task -> addTask(row, task, null));
        if (fields.has("uncertain")) {
            row.add("");
        }
        row.add("");
        addProbabilities(row, "stance", a.stance(), stanceLabels);
        addProbabilities(row, "topic", null, topicLabels);
        otherLabels.forEach((task, labels) -> addProbabilities(row, task, null, labels));
        if (explain) {
            row.add("");
        }
        printer.printRecord(org.stance.io.SpreadsheetSafe.cells(row));
    }

    /** A task's label and probability columns, when the task is shown. */
    private void addTask(List<Object> row, String task, LabelScores s) {
        if (!fields.has(task)) {
            return;
        }
        row.add(s == null ? "" : s.label());
        row.add(s == null ? "" : LabelScores.plain(s.probability()));
    }


    /** Every label's probability, or (with --top-k) the labels ranked 2 to K with theirs; blanks without scores. */
    private void addProbabilities(List<Object> row, String task, LabelScores s, List<String> labels) {
        if (!fields.has(task) || !fields.has("probabilities")) {
            return;
        }
        if (topK <= 0) {
            for (String l : labels) {
                row.add(s == null ? "" : LabelScores.plain(s.probabilities().getOrDefault(l, 0.0)));
            }
            return;
        }
        List<java.util.Map.Entry<String, Double>> ranked = s == null ? List.of() : List.copyOf(s.probabilities().entrySet());
        for (int rank = 2; rank <= Math.min(topK, labels.size()); rank++) {
            boolean has = rank - 1 < ranked.size();
            row.add(has ? ranked.get(rank - 1).getKey() : "");
            row.add(has ? LabelScores.plain(ranked.get(rank - 1).getValue()) : "");
        }
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
