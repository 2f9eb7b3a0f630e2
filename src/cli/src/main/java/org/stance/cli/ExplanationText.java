package org.stance.cli;

import java.util.Locale;
import java.util.Map;
import org.stance.api.Explanation;

/** Explanations in one line of text, for the table and the CSV column. */
final class ExplanationText {

    private ExplanationText() {
    }

    /** "stance skeptical: +1.23 word جاده, +0.80 stem ... (bias -0.51, others +0.20 = logit 2.52); topic ...". */
    static String of(Map<String, Explanation> explanation) {
        if (explanation == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        explanation.forEach((task, e) -> {
            b.append(b.length() == 0 ? "" : "; ").append(task).append(' ').append(e.label()).append(": ");
            b.append(String.join(", ", e.features().stream().map(c -> String.format(Locale.ROOT, "%+.2f %s", c.contribution(), c.feature())).toList()));
            b.append(String.format(Locale.ROOT, " (bias %+.2f, others %+.2f = logit %.2f)", e.bias(), e.others(), e.logit()));
        });
        return b.toString();
    }
}
