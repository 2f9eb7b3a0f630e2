package org.stance.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.stance.api.ArticleScore;
import org.stance.api.JsonLinesWriter;
import org.stance.api.RecordFields;
import org.stance.api.StanceModel;

/**
 * Scores the articles of one partition with the executor's model, giving for each article one
 * {@link ScoredArticle}: the JSON-lines records {@code stance score --format jsonl} writes (its
 * sentences, then its verdict), or an error record when the article cannot be scored and errors
 * are skipped.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<ArticleRow>, ScoredArticle>, Serializable {

    /** An article that cannot be scored when the job runs with {@code --on-error fail}. */
    static final class ArticleFailure extends RuntimeException {
        ArticleFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Broadcast<byte[]> model;
    private final double threshold;
    private final double neutralMass;
    private final RecordFields fields;
    private final boolean skipErrors;
    private final org.apache.spark.util.LongAccumulator sentences;
    private final org.apache.spark.util.LongAccumulator articles;
    private final org.apache.spark.util.LongAccumulator errors;

    /** The accumulators count what the write job produces, so no extra pass over the records is needed. */
    PartitionScorer(Broadcast<byte[]> model, double threshold, double neutralMass, RecordFields fields, boolean skipErrors, org.apache.spark.util.LongAccumulator sentences,
                    org.apache.spark.util.LongAccumulator articles, org.apache.spark.util.LongAccumulator errors) {
        this.model = model;
        this.threshold = threshold;
        this.neutralMass = neutralMass;
        this.fields = fields;
        this.skipErrors = skipErrors;
        this.sentences = sentences;
        this.articles = articles;
        this.errors = errors;
    }

    @Override
    public Iterator<ScoredArticle> call(Iterator<ArticleRow> articles) {
        StanceModel scorer = ModelCache.get(model.id(), model.value(), threshold, neutralMass);
        // Lazily, article by article: a partition never holds all its records at once.
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return articles.hasNext();
            }

            @Override
            public ScoredArticle next() {
                return score(scorer, articles.next());
            }
        };
    }

    private ScoredArticle score(StanceModel scorer, ArticleRow a) {
        StringWriter out = new StringWriter();
        ArticleScore verdict;
        try {
            if (a.problem() != null) {
                throw new IllegalArgumentException(a.problem());
            }
            JsonLinesWriter json = new JsonLinesWriter(out, 0, fields);
            verdict = scorer.scoreArticle(a.id(), a.source(), a.text(), a.target(), s -> {
                try {
                    json.sentence(a.id(), s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.article(verdict);
            json.flush();
        } catch (IllegalArgumentException e) { // InvalidTextException, or a target the model does not know
            if (!skipErrors) {
                throw new ArticleFailure("article '" + a.id() + "' (" + a.source() + "): " + e.getMessage(), e);
            }
            errors.add(1);
            return ScoredArticle.error(a.id(), a.source(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sentences.add(verdict.sentences()); // the sentences written above: the verdict counts each one it was given
        articles.add(1);
        StringBuffer records = out.getBuffer();
        return ScoredArticle.scored(records.substring(0, records.length() - 1)); // the text writer ends each element with a newline
    }
}
