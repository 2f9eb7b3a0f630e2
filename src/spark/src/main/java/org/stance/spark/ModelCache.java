package org.stance.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import org.stance.api.StanceModel;

/**
 * The model on an executor: loaded once per JVM from the broadcast bytes and shared by every task
 * there (a StanceModel is immutable and thread-safe), never a copy per record or per partition.
 */
final class ModelCache {

    private static final ConcurrentHashMap<String, StanceModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /**
     * Registers the model the driver has loaded already (to check it): in local mode the executors run
     * in the driver's JVM and use it instead of loading the same file a second time.
     */
    static void put(long broadcastId, double threshold, double neutralMass, StanceModel model) {
        MODELS.putIfAbsent(broadcastId + "/" + threshold + "/" + neutralMass, model);
    }

    /** The model of a broadcast, by its id (hashing 17 MB per partition would cost more than the lookup saves). */
    static StanceModel get(long broadcastId, byte[] model, double threshold, double neutralMass) {
        String key = broadcastId + "/" + threshold + "/" + neutralMass;
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
