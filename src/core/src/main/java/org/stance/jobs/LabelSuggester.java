package org.stance.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stance.InvalidSettingException;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;
import org.stance.data.GroupSplitter;
import org.stance.text.ArabicNormalizer;
import org.stance.text.NormalizerConfig;
import org.stance.text.Tokenizer;

/**
 * Picks the sentences worth labeling next (active learning): those the model is least sure about
 * (the margin between its two most probable stances), weighted up where it predicts a class with
 * few training examples, spread over articles (at most {@code perArticle} from one) and free of
 * near-duplicates and of sentences already labeled. The model orders what a person reads first; it
 * never decides a label: the labels of what this returns stay empty.
 */
public final class LabelSuggester {

    /** A sentence to label: where it is, what the model guesses, and why it was picked. */
    public record Candidate(String articleId, String sentenceId, String source, String text, SentenceScore score, double priority, String reason) {
    }

    /** A sentence offered for picking. */
    public record Sentence(String articleId, String sentenceId, String source, String text) {
    }

    /**
     * @param n            sentences to pick
     * @param perArticle   at most this many from one article
     * @param nearDuplicate two sentences whose word sets overlap this much (Jaccard) count as one
     */
    public record Settings(int n, int perArticle, double nearDuplicate) {
        public Settings {
            InvalidSettingException.require(n >= 1, "n", n, "at least 1");
            InvalidSettingException.require(perArticle >= 1, "perArticle", perArticle, "at least 1");
            InvalidSettingException.requireRange(nearDuplicate, 0, 1, "nearDuplicate");
        }
    }

    private final StanceModel model;
    private final Settings settings;
    private final ArabicNormalizer normalizer = new ArabicNormalizer(NormalizerConfig.defaults());

    public LabelSuggester(StanceModel model, Settings settings) {
        if (!model.info().labels().containsKey("stance")) {
            throw new IllegalArgumentException("the model has no stance head: nothing to rank by");
        }
        this.model = model;
        this.settings = settings;
    }

    /**
     * @param excluded texts already labeled (they and their near-duplicates are never picked)
     */
    public List<Candidate> suggest(List<Sentence> sentences, List<String> excluded, String target) {
        // Each sentence scored in its article, as `score` scores an article.
        Map<String, List<Integer>> byArticle = GroupSplitter.positionsByGroup(sentences.stream().map(Sentence::articleId).toList());
        SentenceScore[] scored = new SentenceScore[sentences.size()];
        for (List<Integer> members : byArticle.values()) {
            List<SentenceScore> got = model.scoreArticleSentences(members.stream().map(i -> sentences.get(i).text()).toList(), target);
            for (int j = 0; j < members.size(); j++) {
                scored[members.get(j)] = got.get(j);
            }
        }
        List<SentenceScore> scores = List.of(scored);
        Map<String, Integer> counts = model.info().trainingCounts().getOrDefault("stance", Map.of());
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Candidate> ranked = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            SentenceScore s = scores.get(i);
            if (s.skipped() != null) {
                continue;
            }
            ranked.add(candidate(sentences.get(i), s, counts, most));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::priority).reversed());

        Set<String> seenTexts = new HashSet<>();
        List<Set<String>> taken = new ArrayList<>();
        for (String text : excluded) {
            seenTexts.add(key(text));
            taken.add(words(text));
        }
        Map<String, Integer> perArticle = new HashMap<>();
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : ranked) {
            if (out.size() == settings.n()) {
                break;
            }
            if (perArticle.getOrDefault(c.articleId(), 0) >= settings.perArticle() || !seenTexts.add(key(c.text()))) {
                continue;
            }
            Set<String> w = words(c.text());
            if (taken.stream().anyMatch(t -> jaccard(t, w) >= settings.nearDuplicate())) {
                continue;
            }
            taken.add(w);
            perArticle.merge(c.articleId(), 1, Integer::sum);
            out.add(c);
        }
        return out;
    }

    private Candidate candidate(Sentence sentence, SentenceScore s, Map<String, Integer> counts, int most) {
        LabelScores st = s.stance();
        List<Map.Entry<String, Double>> top = new ArrayList<>(st.probabilities().entrySet());
        top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        double first = top.get(0).getValue();
        double second = top.size() > 1 ? top.get(1).getValue() : 0;
        double uncertainty = 1 - (first - second);
        // Rare classes count more: the weight of the rarer of the two labels the model hesitates between.
        String label0 = top.get(0).getKey();
        String label1 = top.size() > 1 ? top.get(1).getKey() : label0;
        double w0 = weight(label0, counts, most);
        double w1 = weight(label1, counts, most);
        String rareLabel = w0 >= w1 ? label0 : label1;
        double rarity = Math.max(w0, w1);
        String reason = String.format(Locale.ROOT, "margin %.2f (%s %.2f vs %s %.2f)", first - second, label0, first, label1, second)
                + (rarity > 1.2 ? String.format(Locale.ROOT, "; rare class %s weighted x%.1f (%d training sentences)", rareLabel, rarity,
                counts.getOrDefault(rareLabel, 0)) : "");
        return new Candidate(sentence.articleId(), sentence.sentenceId(), sentence.source(), sentence.text(), s, uncertainty * rarity, reason);
    }

    /**
     * (most frequent / this label's count) to the power 1/4: a class with a hundredth of the examples
     * weighs about 3, enough to bring its uncertain sentences forward without letting a faint 10%
     * guess of it outrank a sentence the model cannot decide at all.
     */
    private static double weight(String label, Map<String, Integer> counts, int most) {
        return Math.pow((double) most / Math.max(1, counts.getOrDefault(label, 1)), 0.25);
    }

    private String key(String text) {
        return String.join(" ", Tokenizer.tokenize(normalizer.normalize(text)));
    }

    private Set<String> words(String text) {
        return new HashSet<>(Tokenizer.tokenize(normalizer.normalize(text)));
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String w : a) {
            if (b.contains(w)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
