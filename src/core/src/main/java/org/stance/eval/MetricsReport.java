package org.stance.eval;

import java.util.List;
import java.util.Map;

/** Plain-text rendering of {@link Metrics}: the summary line, per-class table and confusion matrix. */
public final class MetricsReport {

    private MetricsReport() {
    }

    public static String text(String title, Map<String, Metrics> byTask) {
        StringBuilder s = new StringBuilder();
        byTask.values().forEach(m -> s.append(text(title, m)).append('\n'));
        return s.toString();
    }

    public static String text(String title, Metrics m) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s %s (n=%d): accuracy %.4f  macro-F1 %.4f  ECE %.4f", title, m.task(), m.n(), m.accuracy(), m.macroF1(), m.ece()));
        if (m.favg() != null) {
            s.append(String.format("  F_avg %.4f", m.favg()));
        }
        s.append('\n');
        if (m.favgByTarget() != null && !m.favgByTarget().isEmpty()) {
            s.append("  F_avg by target:");
            m.favgByTarget().forEach((t, f) -> s.append(String.format(" %s=%.4f", t, f)));
            s.append('\n');
        }
        int width = Math.max(8, m.labels().stream().mapToInt(String::length).max().orElse(8));
        s.append(String.format("  %-" + width + "s  precision  recall     f1  support%n", "label"));
        for (ClassMetrics c : m.perClass()) {
            s.append(String.format("  %-" + width + "s     %.4f  %.4f %.4f  %7d%n", c.label(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        s.append("  confusion (rows: gold, columns: predicted)\n");
        List<String> labels = m.labels();
        s.append(String.format("  %-" + width + "s", ""));
        labels.forEach(l -> s.append(String.format(" %" + Math.max(6, l.length()) + "s", l)));
        s.append('\n');
        for (int g = 0; g < labels.size(); g++) {
            s.append(String.format("  %-" + width + "s", labels.get(g)));
            for (int p = 0; p < labels.size(); p++) {
                s.append(String.format(" %" + Math.max(6, labels.get(p).length()) + "d", m.confusion().get(g).get(p)));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
