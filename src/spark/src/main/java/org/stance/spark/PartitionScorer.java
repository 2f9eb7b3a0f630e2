package org.stance.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.stance.api.ArticleScore;
import org.stance.api.JsonLinesWriter;
import org.stance.api.StanceModel;

/**
 * Scores the articles of one partition with the executor's model, giving for each article the
 * JSON-lines records {@code stance score --format jsonl} writes (its sentences, then its verdict),
 * or one error record when the article cannot be scored and errors are skipped.
 */
final class PartitionScorer implements MapPartitionsFunction<ArticleRow, ScoredLine>, Serializable {

    /** An article that cannot be scored when the job runs with {@code --on-error fail}. */
    static final class ArticleFailure extends RuntimeException {
        ArticleFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Broadcast<byte[]> model;
    private final double threshold;
    private final double neutralMass;
    private final boolean skipErrors;
    private final org.apache.spark.util.LongAccumulator sentences;
    private final org.apache.spark.util.LongAccumulator articles;
    private final org.apache.spark.util.LongAccumulator errors;

    /** The accumulators count what the write job produces, so no extra pass over the records is needed. */
    PartitionScorer(Broadcast<byte[]> model, double threshold, double neutralMass, boolean skipErrors, org.apache.spark.util.LongAccumulator sentences,
                    org.apache.spark.util.LongAccumulator articles, org.apache.spark.util.LongAccumulator errors) {
        this.model = model;
        this.threshold = threshold;
        this.neutralMass = neutralMass;
        this.skipErrors = skipErrors;
        this.sentences = sentences;
        this.articles = articles;
        this.errors = errors;
    }

    @Override
    public Iterator<ScoredLine> call(Iterator<ArticleRow> articles) {
        StanceModel scorer = ModelCache.get(model.id(), model.value(), threshold, neutralMass);
        // Lazily, article by article: a partition never holds all its records at once.
        return new Iterator<>() {
            private Iterator<ScoredLine> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && articles.hasNext()) {
                    current = score(scorer, articles.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public ScoredLine next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<ScoredLine> score(StanceModel scorer, ArticleRow a) {
        StringWriter out = new StringWriter();
        try {
            if (a.problem() != null) {
                throw new IllegalArgumentException(a.problem());
            }
            JsonLinesWriter json = new JsonLinesWriter(out, 0);
            ArticleScore verdict = scorer.scoreArticle(a.id(), a.source(), a.text(), a.target(), s -> {
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
            return List.of(ScoredLine.error(a.id(), a.source(), e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ScoredLine> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(ScoredLine.record(line));
        }
        sentences.add(lines.size() - 1L);
        articles.add(1);
        return lines;
    }
}
