package org.stance.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.stance.api.ArticleScore;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;

/** A readable table for the terminal: one line per sentence, then the article verdict with its evidence. */
final class TableScoreWriter implements ScoreWriter {

    private static final int TEXT_WIDTH = 70;

    private final Writer out;
    private final int topK;
    private String currentArticle;

    TableScoreWriter(Writer out, int topK) {
        this.out = out;
        this.topK = Math.max(1, topK);
    }

    @Override
    public void sentence(String articleId, SentenceScore s) throws IOException {
        if (articleId != null && !articleId.equals(currentArticle)) {
            currentArticle = articleId;
            out.write("== " + articleId + "\n");
            out.write(String.format("%4s  %-34s  %-26s  %s%n", "#", "stance", "topic", "sentence"));
        }
        String stance = s.skipped() != null ? "(not scored: " + s.skipped() + ")" : describe(s.stance()) + (s.uncertain() ? " ?" : "");
        out.write(String.format("%4d  %-34s  %-26s  %s%n", s.id(), stance, s.skipped() != null ? "" : describe(s.topic()), clip(s.text())));
        for (Map.Entry<String, LabelScores> task : s.otherTasks().entrySet()) {
            out.write("      " + task.getKey() + ": " + describe(task.getValue()) + "\n");
        }
        if (s.explanation() != null) {
            out.write("      why: " + ExplanationText.of(s.explanation()) + "\n");
        }
    }

    @Override
    public void article(ArticleScore a) throws IOException {
        out.write(String.format("-- article %s: %d sentences, stance %s%n", a.articleId(), a.sentences(), describe(a.stance())));
        if (!a.topics().isEmpty()) {
            StringBuilder t = new StringBuilder("   topics:");
            a.topics().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> t.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            out.write(t + "\n");
        }
        for (SentenceScore e : a.evidence()) {
            out.write(String.format("   evidence #%d (%.2f): %s%n", e.id(), e.stance().probabilities().get(a.stance().label()), clip(e.text())));
        }
        out.write("\n");
    }

    private String describe(LabelScores s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        s.probabilities().entrySet().stream().limit(topK).forEach(e -> b.append(b.length() == 0 ? "" : ", ")
                .append(e.getKey()).append(String.format(" %.2f", e.getValue())));
        return b.toString();
    }

    private static String clip(String text) {
        return text.length() <= TEXT_WIDTH ? text : text.substring(0, TEXT_WIDTH - 1) + "…";
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
