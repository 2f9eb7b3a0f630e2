package org.stance.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stance.model.TrainConfig;

/**
 * What {@link TrainingJob} needs.
 *
 * @param train       labeled sentences to learn from
 * @param dev         sentences that choose the epoch (early stopping); null holds out 10% of the
 *                    training articles instead
 * @param test        sentences evaluated once after training and recorded in the manifest; may be null
 * @param output      where the model artifact goes
 * @param knownLabels column → closed label set checked on every row (empty: labels are whatever the data holds)
 */
public record TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, Map<String, List<String>> knownLabels) {

    public TrainRequest {
        knownLabels = Map.copyOf(knownLabels);
    }

}
