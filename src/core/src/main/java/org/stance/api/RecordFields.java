package org.stance.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which fields the score records hold ({@code stance score --fields}, the Spark job's too): a user
 * who needs the labels only leaves out the sentence text, which is most of a record, and every
 * label's probability. A record always keeps what identifies it (its type or level, article id and
 * sentence id) and a skipped line's reason; an explanation is written when one was asked for.
 *
 * @param names the fields to write, or null for all of them (the records as they always were)
 */
public record RecordFields(Set<String> names) implements java.io.Serializable {

    /** Every field: the default. */
    public static final RecordFields ALL = new RecordFields(null);

    /**
     * The fields besides the tasks: a sentence's {@code text} and {@code uncertain}, an article's
     * {@code source}, {@code sentences}, {@code evidence} and {@code topics}, and for both each task's
     * {@code probabilities} (every label's, beside the top label and its probability).
     */
    public static final List<String> OPTIONAL = List.of("text", "probabilities", "uncertain", "source", "sentences", "evidence", "topics");

    public RecordFields {
        names = names == null ? null : Set.copyOf(names);
    }

    /**
     * The fields a comma-separated list names, each one of {@link #OPTIONAL} or a task of the model
     * (compared without case, kept as the model spells it).
     *
     * @throws IllegalArgumentException an empty list or name, a name that is neither, or
     *     {@code probabilities} without a task to hold them, saying which names are valid
     */
    public static RecordFields parse(String list, Collection<String> tasks) {
        List<String> valid = new ArrayList<>(tasks);
        valid.addAll(OPTIONAL);
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            String name = part.strip();
            String known = valid.stream().filter(v -> v.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (name.isEmpty() || known == null) {
                throw new IllegalArgumentException((name.isEmpty() ? "an empty field name" : "unknown field '" + name + "'")
                        + "; the fields are " + String.join(", ", valid));
            }
            names.add(known);
        }
        if (names.contains("probabilities") && tasks.stream().noneMatch(names::contains)) {
            throw new IllegalArgumentException("probabilities are a task's: name the task as well (for example "
                    + (tasks.isEmpty() ? "stance" : tasks.iterator().next()) + ",probabilities)");
        }
        return new RecordFields(names);
    }

    /** Whether the records hold this field. */
    public boolean has(String name) {
        return names == null || names.contains(name);
    }
}
