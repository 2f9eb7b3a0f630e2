package org.stance.model;

import java.util.List;

/** A trained classifier with its training history; {@code bestEpoch} is the epoch whose weights were kept. */
public record TrainingResult(Classifier classifier, List<EpochRecord> history, int bestEpoch, double bestDevScore,
                             double seconds, int trainSize, int devSize) {
}
