package org.stance.api;

import java.util.List;
import java.util.Map;

/**
 * The verdict on a whole article.
 *
 * @param stance    the article's stance with a probability per label (see {@link ArticleAggregator})
 * @param evidence  the sentences that carry the verdict, strongest first (empty for neutral)
 * @param topics    topic → number of sentences whose top topic it is
 */
public record ArticleScore(String articleId, String source, int sentences, LabelScores stance, List<SentenceScore> evidence,
                           Map<String, Integer> topics) {
}
