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
 * @param skipInvalid leave out (and report) rows with a problem of their own instead of failing the file
 * @param autotune    time budget for searching the settings by grouped cross-validation on the training
 *                    file ({@link AutoTune}) before the final fit; null trains with {@code config} as given
 * @param heldOut     pages kept for evaluation: a training row from (or authored after) one of them is refused; may be null
 */
public record TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, Map<String, List<String>> knownLabels,
                           boolean skipInvalid, java.time.Duration autotune, org.stance.data.HeldOutSources heldOut) {

    /** Folds of the autotune cross-validation. */
    public static final int AUTOTUNE_FOLDS = 5;

    public TrainRequest {
        knownLabels = Map.copyOf(knownLabels);
    }

    public TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, Map<String, List<String>> knownLabels,
                        boolean skipInvalid, java.time.Duration autotune) {
        this(train, dev, test, output, config, knownLabels, skipInvalid, autotune, null);
    }

    public TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, Map<String, List<String>> knownLabels,
                        boolean skipInvalid) {
        this(train, dev, test, output, config, knownLabels, skipInvalid, null, null);
    }

    /** A request that fails on any invalid row. */
    public TrainRequest(Path train, Path dev, Path test, Path output, TrainConfig config, Map<String, List<String>> knownLabels) {
        this(train, dev, test, output, config, knownLabels, false);
    }

}
