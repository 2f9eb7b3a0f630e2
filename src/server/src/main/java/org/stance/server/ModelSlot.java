package org.stance.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.stance.UserError;
import org.stance.api.StanceModel;
import org.stance.artifact.Json;
import org.stance.artifact.ModelManifest;
import org.stance.io.Hashes;

/**
 * The model being served, replaced whole on reload: a new file is loaded and checked completely
 * (every part against its SHA-256) before it takes the old one's place, so a request sees either
 * model, never half of one, and a corrupt file leaves the old model serving.
 */
final class ModelSlot {

    /** A loaded model with what {@code GET /v1/model} says of it. */
    record Served(Path file, StanceModel model, ModelManifest manifest, String sha256, String description,
                  java.util.concurrent.ConcurrentMap<Integer, StanceModel> explaining) {

        /** The model that explains {@code k} parts, made once per K and model: a view per request would start a thread pool each. */
        StanceModel explaining(int k) {
            return k == 0 ? model : explaining.computeIfAbsent(k, model::withExplanations);
        }
    }

    private final AtomicReference<Served> current = new AtomicReference<>();
    private final int threads;
    private final double threshold;
    private final double neutralMass;

    ModelSlot(int threads, double threshold, double neutralMass) {
        this.threads = threads;
        this.threshold = threshold;
        this.neutralMass = neutralMass;
    }

    /** Loads {@code file} and serves it; on any failure the model served before stays, and the error is thrown. */
    synchronized Served load(Path file) {
        // The file is hashed before and after it is read: a model written over it meanwhile (an atomic
        // rename) would otherwise be served under the new file's hash and manifest.
        String sha = sha256(file);
        StanceModel model = StanceModel.load(file, threads, threshold, neutralMass); // every part checked against its SHA-256
        ModelManifest manifest = model.manifest();
        if (!sha.equals(sha256(file))) {
            throw new UserError(file + " changed while it was being loaded; load it again");
        }
        // What `stance inspect --json` prints: the file's own hash, then the manifest.
        Served served = new Served(file, model, manifest, sha, Json.write(Map.of("fileSha256", sha), manifest),
                new java.util.concurrent.ConcurrentHashMap<>());
        current.set(served);
        if (listener != null) {
            listener.accept(served); // under the lock: concurrent reloads report in the order they took effect
        }
        return served;
    }

    private java.util.function.Consumer<Served> listener;

    /** Told of every model that starts being served (the metrics' model info). */
    synchronized void onLoad(java.util.function.Consumer<Served> listener) {
        this.listener = listener;
        if (current.get() != null) {
            listener.accept(current.get());
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads the file served now again (it was replaced on disk). */
    Served reload() {
        Served now = current.get();
        if (now == null) {
            throw new IllegalStateException("no model loaded yet");
        }
        return load(now.file());
    }

    /** The model served now, or null before the first load finished. */
    Served get() {
        return current.get();
    }
}
