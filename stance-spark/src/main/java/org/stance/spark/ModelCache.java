package org.stance.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.stance.api.StanceModel;
import org.stance.io.Hashes;

/**
 * The model on an executor: loaded once per JVM from the broadcast bytes and shared by every task
 * there (a StanceModel is immutable and thread-safe), never a copy per record or per partition.
 */
final class ModelCache {

    private static final ConcurrentHashMap<String, StanceModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    static StanceModel get(byte[] model, double threshold, double neutralMass) {
        String key = Hashes.sha256(model) + "/" + threshold + "/" + neutralMass;
        return MODELS.computeIfAbsent(key, k -> {
            try {
                Path file = Files.createTempFile("stance-model", ".zip");
                file.toFile().deleteOnExit();
                Files.write(file, model);
                // One thread per task: Spark runs as many tasks as the executor has cores.
                return StanceModel.load(file, 1, threshold, neutralMass);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the model to a local temporary file", e);
            }
        });
    }
}
