package org.stance.jobs;

import org.stance.jobs.TrainingJob;
import java.nio.file.Path;
import org.stance.model.TrainConfig;

/**
 * What {@link TrainingJob} needs.
 *
 * @param train      labeled sentences to learn from
 * @param dev        sentences that choose the epoch (early stopping); null holds out 10% of the
 *                   training articles instead
 * @param test       sentences evaluated once after training and recorded in the manifest; may be null
 * @param output     where the model artifact goes
 * @param closedLabels check labels against the project's guideline label sets (iraq-presence)
 */
public record TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, boolean closedLabels) {
}
