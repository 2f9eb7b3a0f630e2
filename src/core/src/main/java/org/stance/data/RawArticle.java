package org.stance.data;

/**
 * A raw article as read from disk or standard input.
 *
 * @param id     stable identifier: the file name without extension, or "stdin-" + a content hash
 * @param source where it came from (a path, or "-" for standard input)
 * @param text   the page text, boilerplate included
 */
public record RawArticle(String id, String source, String text) {
}
