package org.stance;

import org.stance.curation.IraqPresence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stance.jobs.TrainRequest;
import org.stance.jobs.TrainingJob;
import org.stance.data.DatasetWriter;

/** A small model trained once per test JVM on a slice of the shipped dataset, shared by the tests that score. */
public final class TestModels {

    private static Path small;

    private TestModels() {
    }

    public static synchronized Path small() {
        if (small == null) {
            try {
                Path dir = Files.createTempDirectory("stance-test-model");
                dir.toFile().deleteOnExit();
                Path train = dir.resolve("train.csv");
                Path dev = dir.resolve("dev.csv");
                DatasetWriter.write(train, TestData.head("train", 900));
                DatasetWriter.write(dev, TestData.head("dev", 200));
                Path model = dir.resolve("small.zip");
                new TrainingJob(s -> { }).run(new TrainRequest(train, dev, null, model, TestData.quickConfig(List.of()), IraqPresence.knownLabels()));
                small = model;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return small;
    }
}
