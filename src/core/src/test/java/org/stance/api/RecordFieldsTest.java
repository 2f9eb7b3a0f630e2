package org.stance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --fields}: records that hold the fields named, and their ids always. */
class RecordFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TASKS = List.of("stance", "topic");

    private static LabelScores scores(String first, String second, float p) {
        return LabelScores.of(List.of(first, second), new float[] {p, 1 - p});
    }

    private static final SentenceScore SENTENCE = new SentenceScore(3, "قال مسؤول إن القوات ستغادر.", scores("pro_withdrawal", "neutral", 0.7f),
            scores("presence", "politics", 0.6f), false, null);
    private static final ArticleScore ARTICLE = new ArticleScore("a1", "a1.txt", 1, scores("pro_withdrawal", "neutral", 0.7f),
            List.of(SENTENCE), Map.of("presence", 1));

    private static List<JsonNode> records(RecordFields fields) throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesWriter json = new JsonLinesWriter(out, 0, fields);
        json.sentence("a1", SENTENCE);
        json.article(ARTICLE);
        json.flush();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyFieldIsTheRecordsAsTheyWere() throws IOException {
        StringWriter plain = new StringWriter();
        JsonLinesWriter json = new JsonLinesWriter(plain, 0);
        json.sentence("a1", SENTENCE);
        json.article(ARTICLE);
        json.flush();
        StringWriter all = new StringWriter();
        JsonLinesWriter same = new JsonLinesWriter(all, 0, RecordFields.parse("text,stance,topic,probabilities,uncertain,source,sentences,evidence,topics", TASKS));
        same.sentence("a1", SENTENCE);
        same.article(ARTICLE);
        same.flush();
        assertEquals(plain.toString(), all.toString());
        assertEquals(List.of("type", "article_id", "sentence_id", "text", "stance", "topic", "uncertain"), names(records(RecordFields.ALL).get(0)));
    }

    @Test
    void aTaskAloneKeepsItsLabelAndProbabilityAndTheIds() throws IOException {
        List<JsonNode> r = records(RecordFields.parse("stance", TASKS));
        assertEquals(List.of("type", "article_id", "sentence_id", "stance"), names(r.get(0)));
        assertEquals(List.of("label", "probability"), names(r.get(0).get("stance")));
        assertEquals("pro_withdrawal", r.get(0).get("stance").get("label").asText());
        assertEquals(List.of("type", "article_id", "stance"), names(r.get(1)));
        List<JsonNode> withProbabilities = records(RecordFields.parse(" Topic , probabilities ", TASKS));
        assertEquals(List.of("type", "article_id", "sentence_id", "topic"), names(withProbabilities.get(0)));
        assertEquals(2, withProbabilities.get(0).get("topic").get("probabilities").size());
    }

    @Test
    void aSkippedLineKeepsItsReason() throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesWriter json = new JsonLinesWriter(out, 0, RecordFields.parse("stance", TASKS));
        json.sentence(null, new SentenceScore(1, "abc", null, null, false, "no Arabic letter"));
        json.flush();
        assertEquals("{\"type\":\"sentence\",\"sentence_id\":1,\"skipped\":\"no Arabic letter\"}\n", out.toString());
    }

    @Test
    void unknownAndEmptyNamesAreRefusedWithTheValidOnes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> RecordFields.parse("stance,labels", TASKS));
        assertTrue(unknown.getMessage().contains("unknown field 'labels'") && unknown.getMessage().contains("stance, topic, text"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordFields.parse("stance,,topic", TASKS));
        assertThrows(IllegalArgumentException.class, () -> RecordFields.parse("", TASKS));
        assertThrows(IllegalArgumentException.class, () -> RecordFields.parse("target", TASKS), "a task the model lacks");
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> RecordFields.parse("text,probabilities", TASKS));
        assertTrue(alone.getMessage().contains("name the task as well"), alone.getMessage());
    }

    @Test
    void aTaskIsNamedWithoutCaseAndKeptAsTheModelSpellsIt() {
        RecordFields f = RecordFields.parse("SENTIMENT,Text", List.of("Sentiment", "topic"));
        assertTrue(f.has("Sentiment") && f.has("text"));
        assertEquals(java.util.Set.of("Sentiment", "text"), f.names());
    }
}
