package org.stance.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;

/**
 * What the job writes for one article: its score records (the CLI's JSON lines, its sentences then
 * its verdict, joined by newlines) or, under {@code --on-error skip}, one error record naming the
 * article and why it was not scored. One element per article, not per line: the records reach the
 * text writer as the CLI wrote them, without a row or an object per line.
 *
 * @param error   whether this is an error record
 * @param records the JSON lines, without a final newline (the writer adds one)
 */
record ScoredArticle(boolean error, String records) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ScoredArticle scored(String records) {
        return new ScoredArticle(false, records);
    }

    static ScoredArticle error(String id, String source, String reason) {
        return new ScoredArticle(true, JSON.createObjectNode().put("id", id).put("source", source).put("reason", reason).toString());
    }
}
