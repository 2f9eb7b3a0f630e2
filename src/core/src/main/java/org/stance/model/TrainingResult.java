package org.stance.model;

import java.util.List;
import java.util.Map;

/**
 * A trained classifier with its training history; {@code bestEpoch} is the epoch whose weights were kept
 * (LBFGS: the most iterations a task took), {@code decisionOffsets} task → the offsets added to its bias (empty: none).
 */
public record TrainingResult(Classifier classifier, List<EpochRecord> history, int bestEpoch, double bestDevScore,
                             double seconds, int trainSize, int devSize, Map<String, List<Double>> decisionOffsets) {
}
