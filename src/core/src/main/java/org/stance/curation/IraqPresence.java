package org.stance.curation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stance.data.Columns;
import org.stance.data.DatasetSchema;

/**
 * The project's own dataset, iraq-presence: its closed label sets (datasets/GUIDELINES.md). The
 * generic trainer never depends on this class; the CLI offers it as {@code --labels iraq-presence}.
 */
public final class IraqPresence {

    public static final String NAME = "iraq-presence";
    public static final List<String> STANCES = List.of("pro_withdrawal", "status_quo", "skeptical", "neutral");
    public static final List<String> TOPICS = List.of("negotiations", "presence", "security", "attacks", "politics", "other");
    public static final List<String> TARGETS = List.of("iraq", "syria");

    private IraqPresence() {
    }

    /** Column → its closed label set. */
    public static Map<String, List<String>> knownLabels() {
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put(Columns.STANCE, STANCES);
        known.put(Columns.TOPIC, TOPICS);
        known.put(Columns.TARGET, TARGETS);
        return known;
    }

    /** The dataset's files: stance, topic and target all filled and from the guideline sets. */
    public static DatasetSchema schema() {
        return new DatasetSchema(Set.of(Columns.STANCE, Columns.TOPIC, Columns.TARGET), knownLabels());
    }
}
