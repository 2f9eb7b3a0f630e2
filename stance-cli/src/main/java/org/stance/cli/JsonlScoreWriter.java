package org.stance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import org.stance.api.ArticleScore;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;

/** One JSON object per line: {"type":"sentence",...} records, then {"type":"article",...} verdicts. */
final class JsonlScoreWriter implements ScoreWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer out;
    private final int topK;

    JsonlScoreWriter(Writer out, int topK) {
        this.out = out;
        this.topK = topK;
    }

    @Override
    public void sentence(String articleId, SentenceScore s) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "sentence");
        if (articleId != null) {
            node.put("article_id", articleId);
        }
        node.put("sentence_id", s.id());
        node.put("text", s.text());
        put(node, "stance", s.stance());
        put(node, "topic", s.topic());
        if (s.skipped() != null) {
            node.put("skipped", s.skipped());
        } else {
            node.put("uncertain", s.uncertain());
        }
        line(node);
    }

    @Override
    public void article(ArticleScore a) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "article");
        node.put("article_id", a.articleId());
        node.put("source", a.source());
        node.put("sentences", a.sentences());
        put(node, "stance", a.stance());
        var evidence = node.putArray("evidence");
        for (SentenceScore s : a.evidence()) {
            ObjectNode e = evidence.addObject();
            e.put("sentence_id", s.id());
            e.put("text", s.text());
            e.put("probability", s.stance().probabilities().get(a.stance().label()));
        }
        node.set("topics", JSON.valueToTree(a.topics()));
        line(node);
    }

    private void put(ObjectNode node, String task, LabelScores scores) {
        if (scores == null) {
            return;
        }
        ObjectNode t = node.putObject(task);
        LabelScores shown = topK > 0 ? scores.top(topK) : scores;
        t.put("label", shown.label());
        t.put("probability", shown.probability());
        t.set("probabilities", JSON.valueToTree(shown.probabilities()));
    }

    private void line(ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
