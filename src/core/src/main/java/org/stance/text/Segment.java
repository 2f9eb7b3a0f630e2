package org.stance.text;

/**
 * One piece of a segmented article: a sentence of article text, or a line recognised as page
 * boilerplate (kept only on request).
 *
 * @param index  1-based position among all pieces of the article, stable whether or not
 *               boilerplate is kept, so a sentence keeps its id in both modes
 * @param text   the text, whitespace collapsed, not normalised
 * @param reason null for a sentence; why the line is boilerplate otherwise
 */
public record Segment(int index, String text, Boilerplate.Reason reason) {

    public boolean isSentence() {
        return reason == null;
    }

    /** "sentence" or "boilerplate:<reason>", the form written to CSV. */
    public String kind() {
        return reason == null ? "sentence" : "boilerplate:" + reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
