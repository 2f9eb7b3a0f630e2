package org.stance.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The JSON-lines record format of scores, the one definition that {@code stance score --format jsonl}
 * and the Spark job both write: one JSON object per line, {"type":"sentence",...} records, then
 * {"type":"article",...} verdicts. Written by a streaming generator straight into the output (no
 * tree, no string per record). Not thread-safe: one writer per output.
 */
public final class JsonLinesWriter {

    private static final JsonFactory JSON = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final JsonFactory BYTES = bytesFactory();

    private final JsonGenerator json;
    private final int topK;
    private final RecordFields fields;

    /** @param topK show only the K most probable labels per task (0 = all) */
    public JsonLinesWriter(Writer out, int topK) throws IOException {
        this(out, topK, RecordFields.ALL);
    }

    /** @param fields the fields the records hold ({@link RecordFields#ALL}: every one) */
    public JsonLinesWriter(Writer out, int topK, RecordFields fields) throws IOException {
        this(JSON.createGenerator(out), topK, fields);
    }

    /** The same records as UTF-8 bytes, encoded by the generator (no separate character encoder: faster, the same bytes). */
    public JsonLinesWriter(OutputStream out, int topK) throws IOException {
        this(out, topK, RecordFields.ALL);
    }

    /** The same records as UTF-8 bytes, holding the given fields. */
    public JsonLinesWriter(OutputStream out, int topK, RecordFields fields) throws IOException {
        this(BYTES != null ? BYTES.createGenerator(out, JsonEncoding.UTF8)
                : JSON.createGenerator(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8)), topK, fields);
    }

    /**
     * A factory whose byte generators write a character beyond U+FFFF (an emoji) as its 4 UTF-8 bytes,
     * as the character path does, not as an escaped surrogate pair; null with a Jackson older than
     * 2.18 (a cluster's own), which lacks the feature: those write through a character encoder.
     */
    private static JsonFactory bytesFactory() {
        try {
            return new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .enable(JsonGenerator.Feature.valueOf("COMBINE_UNICODE_SURROGATES_IN_UTF8"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonLinesWriter(JsonGenerator json, int topK, RecordFields fields) {
        this.json = json;
        this.json.setRootValueSeparator(null);
        this.topK = topK;
        this.fields = fields;
    }

    /** A sentence record; {@code articleId} null leaves the field out (one-sentence-per-line input). */
    public void sentence(String articleId, SentenceScore s) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "sentence");
        if (articleId != null) {
            json.writeStringField("article_id", articleId);
        }
        json.writeNumberField("sentence_id", s.id());
        if (fields.has("text")) {
            json.writeStringField("text", s.text());
        }
        put("stance", s.stance());
        put("topic", s.topic());
        for (var task : s.otherTasks().entrySet()) {
            put(task.getKey(), task.getValue());
        }
        if (s.skipped() != null) {
            json.writeStringField("skipped", s.skipped());
        } else if (fields.has("uncertain")) {
            json.writeBooleanField("uncertain", s.uncertain());
        }
        if (s.explanation() != null) {
            json.writeObjectFieldStart("explain");
            for (var e : s.explanation().entrySet()) {
                Explanation x = e.getValue();
                json.writeObjectFieldStart(e.getKey());
                json.writeStringField("label", x.label());
                json.writeStringField("method", x.method());
                json.writeNumberField("logit", x.logit());
                json.writeNumberField("bias", x.bias());
                json.writeArrayFieldStart("features");
                for (Explanation.FeatureContribution c : x.features()) {
                    json.writeStartObject();
                    json.writeStringField("feature", c.feature());
                    json.writeNumberField("contribution", c.contribution());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeNumberField("others", x.others());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        endLine();
    }

    /** An article's verdict record. */
    public void article(ArticleScore a) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "article");
        json.writeStringField("article_id", a.articleId());
        if (fields.has("source")) {
            json.writeStringField("source", a.source());
        }
        if (fields.has("sentences")) {
            json.writeNumberField("sentences", a.sentences());
        }
        put("stance", a.stance());
        if (fields.has("evidence")) {
            json.writeArrayFieldStart("evidence");
            for (SentenceScore s : a.evidence()) {
                json.writeStartObject();
                json.writeNumberField("sentence_id", s.id());
                json.writeStringField("text", s.text());
                probability(json, "probability", s.stance().probabilities().get(a.stance().label()));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (fields.has("topics")) {
            json.writeObjectFieldStart("topics");
            for (var t : a.topics().entrySet()) {
                json.writeNumberField(t.getKey(), t.getValue());
            }
            json.writeEndObject();
        }
        endLine();
    }

    private void put(String task, LabelScores scores) throws IOException {
        if (scores == null || !fields.has(task)) {
            return;
        }
        LabelScores shown = topK > 0 ? scores.top(topK) : scores;
        json.writeObjectFieldStart(task);
        json.writeStringField("label", shown.label());
        probability(json, "probability", shown.probability());
        if (fields.has("probabilities")) {
            json.writeObjectFieldStart("probabilities");
            for (var p : shown.probabilities().entrySet()) {
                probability(json, p.getKey(), p.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** A probability as a JSON number written plainly ({@link LabelScores#plain}: 0.0004, not 4.0E-4). */
    private static void probability(JsonGenerator json, String name, double p) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(LabelScores.plain(p));
    }

    private void endLine() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    public void flush() throws IOException {
        json.flush();
    }
}
