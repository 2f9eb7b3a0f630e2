package org.stance.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns sentence stances into an article stance. Which stance labels take no position comes from
 * the model (its training settings; "neutral" and "none" by default), not from this class. Each position gathers the probability mass
 * given to it by the sentences whose top label is a position (a long article's many neutral
 * sentences, each with a little position mass, would otherwise add up to a verdict: measured on
 * the dev articles); neutral gets a fixed pseudo-mass {@code neutralMass}. The article's
 * probabilities are these masses normalised, so an article needs about {@code neutralMass}
 * confident sentences' worth of one position before that position outweighs neutral, and the
 * position with most mass wins. The evidence are the (up to three) sentences that give the
 * verdict most probability.
 */
public final class ArticleAggregator {

    public static final double DEFAULT_NEUTRAL_MASS = 0.5; // chosen on the dev articles (models/README.md)
    static final int EVIDENCE = 3;

    private final double neutralMass;
    private final java.util.Set<String> noPosition;

    /**
     * @param neutralMass      the pseudo-mass of "no position": a finite number from 0 to 1000
     * @param noPositionLabels the stance labels that take no position (compared ignoring case)
     */
    public ArticleAggregator(double neutralMass, java.util.Collection<String> noPositionLabels) {
        org.stance.InvalidSettingException.requireRange(neutralMass, 0, 1000, "neutralMass");
        this.neutralMass = neutralMass;
        this.noPosition = noPositionLabels.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** True for a label that takes no position ("neutral" in the project's data, "none" in Mawqif). */
    public boolean isNoPosition(String label) {
        return noPosition.contains(label.toLowerCase(java.util.Locale.ROOT));
    }

    /** Accumulates one article's sentences; feed sentences in order, then call {@link #verdict}. */
    public final class Accumulator {
        private final List<String> labels;
        private final double[] mass;
        /** Position label → its strongest sentences so far (at most {@link #EVIDENCE}, most probable first): memory stays bounded. */
        private final Map<String, List<SentenceScore>> strongest = new java.util.HashMap<>();
        private final Map<String, Integer> topics = new TreeMap<>();
        private int count;

        Accumulator(List<String> labels) {
            this.labels = labels;
            this.mass = new double[labels.size()];
        }

        public void add(SentenceScore s) {
            if (s.skipped() != null) {
                return;
            }
            count++;
            if (s.topic() != null) {
                topics.merge(s.topic().label(), 1, Integer::sum);
            }
            if (s.stance() == null || isNoPosition(s.stance().label())) {
                return; // only sentences that take a position give evidence: many weak ones must not add up
            }
            for (int i = 0; i < labels.size(); i++) {
                if (!isNoPosition(labels.get(i))) {
                    mass[i] += s.stance().probabilities().getOrDefault(labels.get(i), 0.0);
                }
            }
            for (String label : labels) {
                double p = s.stance().probabilities().getOrDefault(label, 0.0);
                if (isNoPosition(label) || p <= 0) {
                    continue;
                }
                // Kept per label, so the verdict's own evidence survives however many sentences take other positions.
                List<SentenceScore> top = strongest.computeIfAbsent(label, k -> new ArrayList<>());
                int at = 0;
                while (at < top.size() && top.get(at).stance().probabilities().get(label) >= p) {
                    at++;
                }
                if (at < EVIDENCE) {
                    top.add(at, s);
                    if (top.size() > EVIDENCE) {
                        top.remove(EVIDENCE);
                    }
                }
            }
        }

        public ArticleScore verdict(String articleId, String source) {
            float[] probs = new float[labels.size()];
            double total = 0;
            for (int i = 0; i < labels.size(); i++) {
                double m = isNoPosition(labels.get(i)) ? neutralMass : mass[i];
                probs[i] = (float) m;
                total += m;
            }
            for (int i = 0; i < probs.length; i++) {
                probs[i] = total == 0 ? 0 : (float) (probs[i] / total);
            }
            LabelScores stance = labels.isEmpty() ? null : LabelScores.of(labels, probs);
            List<SentenceScore> evidence = new ArrayList<>();
            if (stance != null && !isNoPosition(stance.label())) {
                evidence.addAll(strongest.getOrDefault(stance.label(), List.of()));
            }
            return new ArticleScore(articleId, source, count, stance, evidence, topics);
        }
    }

    public Accumulator start(List<String> stanceLabels) {
        return new Accumulator(stanceLabels);
    }
}
