package org.stance.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stance.api.ArticleScore;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;

/**
 * One CSV row per sentence (level=sentence) and per article verdict (level=article), with the top
 * labels, their probabilities, and one probability column per label.
 */
final class CsvScoreWriter implements ScoreWriter {

    private final CSVPrinter printer;
    private final List<String> stanceLabels;
    private final List<String> topicLabels;

    private final boolean explain;

    CsvScoreWriter(Writer out, List<String> stanceLabels, List<String> topicLabels, boolean explain) throws IOException {
        this.stanceLabels = stanceLabels;
        this.topicLabels = topicLabels;
        this.explain = explain;
        List<String> header = new ArrayList<>(List.of("level", "article_id", "sentence_id", "text", "stance", "stance_probability",
                "topic", "topic_probability", "uncertain", "skipped"));
        stanceLabels.forEach(l -> header.add("p_stance_" + l));
        topicLabels.forEach(l -> header.add("p_topic_" + l));
        if (explain) {
            header.add("explain");
        }
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build());
    }

    @Override
    public void sentence(String articleId, SentenceScore s) throws IOException {
        List<Object> row = new ArrayList<>(List.of("sentence", articleId == null ? "" : articleId, s.id(), s.text()));
        addTask(row, s.stance());
        addTask(row, s.topic());
        row.add(s.skipped() == null ? String.valueOf(s.uncertain()) : "");
        row.add(s.skipped() == null ? "" : s.skipped());
        addProbabilities(row, s.stance(), stanceLabels);
        addProbabilities(row, s.topic(), topicLabels);
        if (explain) {
            row.add(ExplanationText.of(s.explanation()));
        }
        printer.printRecord(org.stance.io.SpreadsheetSafe.cells(row));
    }

    @Override
    public void article(ArticleScore a) throws IOException {
        List<Object> row = new ArrayList<>(List.of("article", a.articleId(), "", a.evidence().isEmpty() ? "" : a.evidence().get(0).text()));
        addTask(row, a.stance());
        String topTopic = a.topics().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("");
        row.add(topTopic);
        row.add("");
        row.add("");
        row.add("");
        addProbabilities(row, a.stance(), stanceLabels);
        topicLabels.forEach(l -> row.add(""));
        if (explain) {
            row.add("");
        }
        printer.printRecord(org.stance.io.SpreadsheetSafe.cells(row));
    }

    private static void addTask(List<Object> row, LabelScores s) {
        row.add(s == null ? "" : s.label());
        row.add(s == null ? "" : LabelScores.plain(s.probability()));
    }


    private static void addProbabilities(List<Object> row, LabelScores s, List<String> labels) {
        for (String l : labels) {
            row.add(s == null ? "" : LabelScores.plain(s.probabilities().getOrDefault(l, 0.0)));
        }
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }
}
