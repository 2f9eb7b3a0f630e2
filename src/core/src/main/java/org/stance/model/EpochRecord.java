package org.stance.model;

import java.util.Map;

/** One line of the training history: training loss and dev macro-F1 per task after an epoch. */
public record EpochRecord(int epoch, double loss, Map<String, Double> devMacroF1, double devScore, double seconds,
                          double examplesPerSecond) {
}
