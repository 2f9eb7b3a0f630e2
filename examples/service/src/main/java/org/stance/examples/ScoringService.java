package org.stance.examples;

import java.nio.file.Path;
import java.util.List;
import org.stance.api.ArticleScore;
import org.stance.api.InvalidTextException;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;

/**
 * A service's use of the library: load the model once, score a sentence and an article, print
 * them. It depends on stance-core alone (records in, records out, no DL4J type).
 */
public final class ScoringService {

    private ScoringService() {
    }

    public static void main(String[] args) {
        Path modelFile = Path.of(args.length > 0 ? args[0] : "models/iraq-presence.zip");
        StanceModel model = StanceModel.load(modelFile); // once; thread-safe
        System.out.println("model: " + modelFile + " (format " + model.info().formatVersion() + ", stance " + model.info().projectVersion()
                + ", labels " + model.info().labels() + ")");

        List<SentenceScore> scores = model.scoreSentences(List.of("واشنطن غير جادة في الانسحاب من العراق."), "");
        SentenceScore s = scores.get(0);
        System.out.printf("sentence: %s -> stance %s (p=%.3f), topic %s (p=%.3f)%n", s.text(), s.stance().label(), s.stance().probability(),
                s.topic().label(), s.topic().probability());

        String article = """
                البرلمان العراقي يطالب بجدول زمني لانسحاب القوات الأجنبية

                أقر مجلس النواب العراقي قرارا يدعو الحكومة إلى وضع جدول زمني لمغادرة القوات الأجنبية من العراق.
                وقال نواب إن العراق لم يعد بحاجة إلى قوات التحالف الدولي بعد هزيمة تنظيم داعش.
                في المقابل، قال مسؤول أمريكي إن القوات ستبقى ما دامت الحكومة العراقية تطلب ذلك.
                """;
        ArticleScore verdict = model.scoreArticle("example-1", article);
        System.out.printf("article: %d sentences -> stance %s (p=%.3f), topics %s%n", verdict.sentences(), verdict.stance().label(),
                verdict.stance().probability(), verdict.topics());
        verdict.evidence().forEach(e -> System.out.println("  evidence: " + e.text()));

        try {
            model.scoreArticle("empty", "   ");
            throw new IllegalStateException("an empty article must be refused");
        } catch (InvalidTextException e) {
            System.out.println("refused as expected: " + e.reason() + " (" + e.getMessage() + ")");
        }
    }
}
