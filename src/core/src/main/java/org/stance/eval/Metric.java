package org.stance.eval;

import java.util.List;

/** The figure a training run is tuned for: decision offsets, early stopping and --autotune all maximise it. */
public enum Metric {
    /** F_AVG when the labels include a favour/against pair (Mawqif, SemEval), MACRO_F1 otherwise. */
    AUTO,
    MACRO_F1,
    /** Mean F1 of favour and against (per target, then averaged), the shared-task figure for stance data. */
    F_AVG,
    ACCURACY;

    /** The metric AUTO stands for on these labels; any other metric is itself. */
    public Metric resolve(List<String> labels) {
        if (this != AUTO) {
            return this;
        }
        for (List<String> pair : Evaluator.FAVG_PAIRS) {
            if (labels.containsAll(pair)) {
                return F_AVG;
            }
        }
        return MACRO_F1;
    }

    /** This metric's value in {@code m} (F_AVG needs labels with a favour/against pair). */
    public double of(Metrics m) {
        return switch (this) {
            case AUTO -> resolve(m.labels()).of(m);
            case MACRO_F1 -> m.macroF1();
            case ACCURACY -> m.accuracy();
            case F_AVG -> {
                if (m.favg() == null) {
                    throw new IllegalArgumentException("F_AVG needs a favor/against label pair; the labels are " + m.labels());
                }
                yield m.favg();
            }
        };
    }

    /** The name users write: macro-f1, f-avg, accuracy, auto. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
