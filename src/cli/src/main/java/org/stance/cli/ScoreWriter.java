package org.stance.cli;

import java.io.IOException;
import org.stance.api.ArticleScore;
import org.stance.api.SentenceScore;

/** Writes scores in one output format, record by record, so output streams. */
interface ScoreWriter {

    void sentence(String articleId, SentenceScore s) throws IOException;

    void article(ArticleScore a) throws IOException;

    void finish() throws IOException;

    /** Releases what the writer holds besides its output (a progress timer); the output stays open. */
    default void close() {
    }
}
