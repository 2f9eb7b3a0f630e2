package org.stance.spark;

import java.io.Serializable;

/**
 * One article to score, however it was read (a .txt file, a JSONL/CSV/Parquet row).
 *
 * @param id     the article id of its records (a file's name without extension, or the id column)
 * @param source where it came from, as the CLI's article records say (a path, or the input file)
 * @param text   the raw article text
 * @param target the stance target for models that read one, "" otherwise
 * @param problem why the row cannot be an article (a malformed JSON line, no id), or null
 */
public record ArticleRow(String id, String source, String text, String target, String problem) implements Serializable {

    ArticleRow(String id, String source, String text, String target) {
        this(id, source, text, target, null);
    }
}
