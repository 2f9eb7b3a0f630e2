package org.stance.spark;

import java.io.Serializable;

/**
 * One article to score, however it was read (a .txt file, a JSONL/CSV/Parquet row).
 *
 * @param id     the article id of its records (a file's name without extension, or the id column)
 * @param source where it came from, as the CLI's article records say (a path, or the input file)
 * @param text   the raw article text
 * @param target the stance target for models that read one, "" otherwise
 */
public record ArticleRow(String id, String source, String text, String target) implements Serializable {
}
