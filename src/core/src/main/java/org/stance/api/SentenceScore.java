package org.stance.api;

/**
 * The scores of one sentence.
 *
 * @param id        position in its input: the sentence id within the article, or the line number
 *                  in --sentences mode
 * @param stance    null when the model has no stance head (likewise topic)
 * @param uncertain the top stance (or, without stance, topic) probability is below the threshold
 * @param skipped   why the sentence was not scored (empty, no Arabic letter), or null
 * @param explanation task → why it got its label; null unless asked for ({@link StanceModel#withExplanations})
 * @param otherTasks  the scores of a model's tasks other than stance and topic (columns of other names), in the model's order
 */
public record SentenceScore(int id, String text, LabelScores stance, LabelScores topic, boolean uncertain, String skipped,
                            java.util.Map<String, Explanation> explanation, java.util.Map<String, LabelScores> otherTasks) {

    public SentenceScore {
        otherTasks = otherTasks == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherTasks));
    }

    public SentenceScore(int id, String text, LabelScores stance, LabelScores topic, boolean uncertain, String skipped,
                         java.util.Map<String, Explanation> explanation) {
        this(id, text, stance, topic, uncertain, skipped, explanation, null);
    }

    public SentenceScore(int id, String text, LabelScores stance, LabelScores topic, boolean uncertain, String skipped) {
        this(id, text, stance, topic, uncertain, skipped, null, null);
    }

    /** Every task's scores, stance and topic first, in output order. */
    public java.util.Map<String, LabelScores> tasks() {
        java.util.Map<String, LabelScores> all = new java.util.LinkedHashMap<>();
        if (stance != null) {
            all.put("stance", stance);
        }
        if (topic != null) {
            all.put("topic", topic);
        }
        all.putAll(otherTasks);
        return all;
    }

    public static SentenceScore skipped(int id, String text, String why) {
        return new SentenceScore(id, text, null, null, false, why);
    }

    /** The same score under another id (a line number when lines are read in batches). */
    public SentenceScore withId(int newId) {
        return new SentenceScore(newId, text, stance, topic, uncertain, skipped, explanation, otherTasks);
    }
}
