package org.stance.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;

/**
 * What the job writes for one article: its score records (the CLI's JSON lines, its sentences then
 * its verdict, joined by newlines) or, under {@code --on-error skip}, one error record naming the
 * article and why it was not scored. One element per article, not per line: the records reach the
 * text writer as the CLI wrote them, without a row or an object per line.
 *
 * <p>A plain class, not a record: the scored articles are cached (Parquet output, {@code --on-error
 * skip}) and may be serialized by a cluster's {@code spark.serializer}, and Kryo's field serializer
 * cannot build records on Java 17 ({@code ScoredArticleTest}).
 */
final class ScoredArticle implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean error;
    private final String records;

    /**
     * @param error   whether this is an error record
     * @param records the JSON lines, without a final newline (the writer adds one)
     */
    ScoredArticle(boolean error, String records) {
        this.error = error;
        this.records = records;
    }

    static ScoredArticle scored(String records) {
        return new ScoredArticle(false, records);
    }

    static ScoredArticle error(String id, String source, String reason) {
        return new ScoredArticle(true, JSON.createObjectNode().put("id", id).put("source", source).put("reason", reason).toString());
    }

    boolean error() {
        return error;
    }

    String records() {
        return records;
    }
}
