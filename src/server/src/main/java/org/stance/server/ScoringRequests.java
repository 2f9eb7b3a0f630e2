package org.stance.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.stance.api.ArticleScore;
import org.stance.api.InvalidTextException;
import org.stance.api.JsonLinesWriter;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;

/**
 * The two scoring endpoints' bodies: parsed, checked against the limits, scored, and answered with
 * the records {@code stance score --format jsonl} writes (the same writer), as one JSON array. An
 * item that cannot be scored (empty, no Arabic text) answers in its place with status 422 and its
 * index; the others are scored. A request none of whose items can be scored is a 422.
 */
final class ScoringRequests {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final int maxItems;

    ScoringRequests(int maxItems) {
        this.maxItems = maxItems;
    }

    /** The result: the JSON array and how many sentences were scored. */
    record Answer(String json, int sentences) {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiError(400, "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ApiError(400, "malformed JSON: " + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        }
    }

    /** {@code {"sentences": [...], "target": "...", "explain": K}}. */
    Answer sentences(ModelSlot.Served model, JsonNode body) {
        List<String> texts = strings(items(body, "sentences"), "sentences");
        StanceModel scorer = withExplanations(model, body);
        String target = target(scorer, body);
        List<SentenceScore> scores = scorer.scoreSentences(texts, target);
        List<String> records = new ArrayList<>(scores.size());
        int scored = 0;
        try {
            for (int i = 0; i < scores.size(); i++) {
                SentenceScore s = scores.get(i);
                String record = record(w -> w.sentence(null, s));
                if (s.skipped() != null) {
                    ObjectNode node = (ObjectNode) JSON.readTree(record);
                    node.put("status", 422).put("index", i).put("error", "sentence " + i + ": " + s.skipped());
                    record = JSON.writeValueAsString(node);
                } else {
                    scored++;
                }
                records.add(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (scored == 0) {
            throw new ApiError(422, "no sentence can be scored: " + scores.get(0).skipped() + " (sentence 0)");
        }
        return new Answer("[" + String.join(",", records) + "]", scored);
    }

    /** {@code {"articles": [{"id": ..., "text": ...}], "target": "...", "explain": K}}. */
    Answer articles(ModelSlot.Served model, JsonNode body) {
        JsonNode items = items(body, "articles");
        StanceModel scorer = withExplanations(model, body);
        String target = target(scorer, body);
        List<String> records = new ArrayList<>();
        int sentences = 0;
        int failed = 0;
        String firstError = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode a = items.get(i);
            if (!a.isObject() || !a.path("text").isTextual()) {
                throw new ApiError(400, "articles[" + i + "] must be an object with a string 'text'");
            }
            String id = a.hasNonNull("id") ? a.get("id").asText() : "article-" + i;
            String articleTarget = a.hasNonNull("target") ? a.get("target").asText() : target;
            if (a.hasNonNull("target")) {
                checkTarget(scorer, articleTarget);
            }
            List<String> own = new ArrayList<>();
            try {
                ArticleScore verdict = scorer.scoreArticle(id, a.path("source").asText("http"), a.get("text").asText(), articleTarget,
                        s -> own.add(record(w -> w.sentence(id, s))));
                own.add(record(w -> w.article(verdict)));
                records.addAll(own);
                sentences += own.size() - 1;
            } catch (InvalidTextException e) {
                ObjectNode error = JSON.createObjectNode().put("type", "error").put("index", i).put("article_id", id).put("status", 422)
                        .put("error", e.getMessage());
                records.add(error.toString());
                failed++;
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        if (failed == items.size()) {
            throw new ApiError(422, "no article can be scored: " + firstError);
        }
        return new Answer("[" + String.join(",", records) + "]", sentences);
    }

    private JsonNode items(JsonNode body, String field) {
        JsonNode items = body.get(field);
        if (items == null || !items.isArray()) {
            throw new ApiError(400, "'" + field + "' must be a JSON array");
        }
        if (items.isEmpty()) {
            throw new ApiError(422, "'" + field + "' is empty");
        }
        if (items.size() > maxItems) {
            throw new ApiError(413, items.size() + " " + field + " in one request; at most " + maxItems + " (split the request)");
        }
        return items;
    }

    private static List<String> strings(JsonNode items, String field) {
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw new ApiError(400, field + "[" + i + "] must be a string");
            }
            out.add(items.get(i).asText());
        }
        return out;
    }

    private static StanceModel withExplanations(ModelSlot.Served model, JsonNode body) {
        JsonNode k = body.get("explain");
        if (k == null || k.isNull()) {
            return model.model();
        }
        if (!k.canConvertToInt() || k.asInt() < 0 || k.asInt() > 100) {
            throw new ApiError(400, "'explain' must be a whole number from 0 to 100");
        }
        return model.explaining(k.asInt());
    }

    private static String target(StanceModel model, JsonNode body) {
        JsonNode t = body.get("target");
        String target = t == null || t.isNull() ? "" : t.asText();
        checkTarget(model, target);
        return target;
    }

    private static void checkTarget(StanceModel model, String target) {
        try {
            model.checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "target: " + e.getMessage());
        }
    }

    /** Writes one record. */
    private interface Write {
        void to(JsonLinesWriter w) throws IOException;
    }

    /** One record as the CLI writes it (the same writer, all labels), without its line break. */
    private static String record(Write write) {
        try {
            StringWriter out = new StringWriter();
            JsonLinesWriter w = new JsonLinesWriter(out, 0);
            write.to(w);
            w.flush();
            return out.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
