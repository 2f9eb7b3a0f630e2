package org.stance.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.stance.UserError;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.features.Featurizer;
import org.stance.io.AtomicFile;
import org.stance.io.Background;
import org.stance.model.Classifier;
import org.stance.model.TrainConfig;
import org.stance.quantize.Quantizer;

/**
 * The one-file model, format version {@value ModelManifest#FORMAT_VERSION}, and the only code that
 * knows its layout:
 * <pre>
 * manifest.json     {@link ModelManifest}: format, version, labels, settings, data hashes, figures
 * vocabulary.tsv    group TAB idf TAB hash, one n-gram feature per line, in input order
 * embeddings/...    the word vectors, when the model pools them ({@link EmbeddingsCodec})
 * parameters.f32    the network's parameters, float32 little-endian, in DL4J's flattening order
 *                   (a quantized model has parameters.q8 instead: {@link QuantizedParts})
 * manifest.sha256   the manifest's own SHA-256 ({@link ModelSeal}); the manifest lists every other part's
 * </pre>
 * Loading rebuilds the network from the manifest's settings (the trainer's own architecture) and
 * fills in the parameters: nothing in the file is deserialized as Java objects or names a class,
 * and every count is checked against the format's limits before anything is allocated for it.
 * Every part is checked against its SHA-256 before it is decoded. A file of another version is
 * refused, naming both versions.
 */
public final class ModelCodec {

    static final String MANIFEST = "manifest.json";
    static final String VOCABULARY = "vocabulary.tsv";
    static final String PARAMETERS = "parameters.f32";
    static final String EMBEDDINGS = "embeddings/";

    static final int MAX_MANIFEST_BYTES = 16 << 20;
    static final int MAX_FEATURES = 20_000_000;
    /** 1.6 GB of float32: far above any model this trainer writes (the shipped one has under 2M). */
    static final long MAX_PARAMETERS = 400_000_000L;
    /** A vocabulary line is "g TAB idf TAB 16 hex digits": at most 40 bytes. */
    private static final int MAX_VOCABULARY_LINE = 40;

    /** A loaded model: what it says about itself and the classifier. */
    public record Loaded(ModelManifest manifest, Classifier classifier) {
    }

    private ModelCodec() {
    }

    /** Fails fast, before training, when the model file could not be written. */
    public static void checkWritable(Path file) {
        AtomicFile.checkWritable(file, "model ");
    }

    /**
     * Writes the artifact atomically (readers never see a half-written model), sealed: the parts
     * first, then the manifest listing their SHA-256, then the manifest's own SHA-256. Returns
     * the manifest as written.
     */
    public static ModelManifest save(Path file, ModelManifest manifest, Classifier classifier) {
        if (manifest.quantization() != null) {
            throw new UserError("a quantized model is written by stance quantize only: quantize the full model again");
        }
        return save(file, manifest, classifier, null);
    }

    /**
     * Writes a quantized model ({@link Quantizer}): its pruned vocabulary, its 8-bit first layer and
     * product-quantized vectors, under {@code full}'s manifest made {@link ModelManifest#quantized}
     * ({@code retrainedOnSha256}: the data its weights were fitted again on, null for none).
     */
    public static ModelManifest save(Path file, ModelManifest full, String fullSha256, String retrainedOnSha256, Quantizer.Quantized q) {
        Featurizer f = q.classifier().featurizer();
        ModelManifest.Features before = full.features();
        ModelManifest.Features smaller = ModelManifest.Features.of(before.toConfig(), f.vocabulary().hashes().length, f.dimension());
        ModelManifest m = full.quantized(smaller, q.classifier().parameters().length, new ModelManifest.Quantization(fullSha256,
                q.featuresBefore(), q.config().subDimension(), q.config().centroids(), q.config().seed(), retrainedOnSha256),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), org.stance.StanceVersion.get());
        return save(file, m, q.classifier(), q);
    }

    private static ModelManifest save(Path file, ModelManifest manifest, Classifier classifier, Quantizer.Quantized q) {
        checkWritable(file);
        ModelManifest[] written = new ModelManifest[1];
        try {
            AtomicFile.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                Parts.Writer parts = new Parts.Writer(zip);
                parts.deflated(VOCABULARY, vocabulary(classifier.featurizer().vocabulary()));
                if (classifier.featurizer().embeddings() != null) {
                    EmbeddingsCodec.writeTo(classifier.featurizer().embeddings(), parts, EMBEDDINGS, q == null ? null : q.words(),
                            q == null ? null : q.ngrams());
                }
                if (q == null) {
                    parts.stored(PARAMETERS, float32(classifier.parameters()));
                } else {
                    parts.deflated(QuantizedParts.PARAMETERS, QuantizedParts.parameters(q.weights(), classifier.parameters()));
                }
                written[0] = manifest.sealed(ModelSeal.of(manifest.labels(), parts));
                byte[] manifestBytes = Json.MAPPER.writeValueAsBytes(written[0]);
                ZipEntries.deflated(zip, MANIFEST, manifestBytes);
                ZipEntries.deflated(zip, ModelSeal.ENTRY, ModelSeal.entry(manifestBytes));
                zip.finish();
            });
        } catch (IOException e) {
            throw new UserError("cannot write model " + file + ": " + e.getMessage(), e);
        }
        return written[0];
    }

    /**
     * Reads the manifest (for inspect) and checks the whole file's integrity: the seal, and every
     * part's SHA-256 and CRC-32, streamed, without decoding the parts.
     */
    public static ModelManifest readManifest(Path file) {
        try (ZipFile zip = ZipEntries.open(file, "model")) {
            Opened opened = manifest(zip, file, ModelManifest.OLDEST_SEALED_VERSION);
            ModelSeal.verify(zip, opened.bytes(), opened.manifest(), file);
            Map<String, String> crcs = opened.manifest().integrity().partsCrc32();
            opened.manifest().integrity().parts().forEach((entry, sha) -> {
                ZipEntries.Digests d = ZipEntries.digests(zip, entry, MAX_PARAMETERS * 4, file.toString());
                if (!sha.equals(d.sha256())) {
                    throw new UserError(file + ": corrupt model: part '" + entry + "' does not match the SHA-256 its manifest records");
                }
                if (crcs != null && !crcs.get(entry).equals(d.crc32())) {
                    throw new UserError(file + ": corrupt model: part '" + entry + "' does not match the CRC-32 its manifest records");
                }
            });
            return opened.manifest();
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(file + ": corrupt model manifest (" + e.getMessage() + ")", e);
        }
    }

    /** The sealed parts of a model of format 3 or later, its manifest and seal checked (for reading its word vectors alone). */
    static Parts.Reader sealedParts(ZipFile zip, Path file) {
        try {
            Opened opened = manifest(zip, file, ModelManifest.OLDEST_SEALED_VERSION);
            return ModelSeal.verify(zip, opened.bytes(), opened.manifest(), file);
        } catch (IOException e) {
            throw new UserError(file + ": corrupt model manifest (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Loads a model of the current format (every part checked against its CRC-32 before it is used)
     * or of format 3 (checked against its SHA-256).
     */
    public static Loaded load(Path file) {
        return load(file, ModelManifest.OLDEST_SEALED_VERSION);
    }

    /**
     * Loads a model of this format or an older one that {@link #save} can re-save in this format
     * ({@code stance upgrade-model}). An older file has no seal: its parts are checked by their zip
     * CRCs and the decoders' range checks only.
     */
    public static Loaded loadForUpgrade(Path file) {
        Loaded loaded = load(file, ModelManifest.OLDEST_UPGRADABLE_VERSION);
        if (loaded.manifest().quantization() != null) { // written by quantize, which saves the quantized parts only
            throw new UserError(file + " is a quantized model" + (loaded.manifest().formatVersion() == ModelManifest.FORMAT_VERSION
                    ? " of the current format: it needs no upgrade" : ": quantize its full model again with this stance"));
        }
        return loaded;
    }

    private static Loaded load(Path file, int oldestVersion) {
        if (file == null) {
            throw new UserError("no model file given");
        }
        try (ZipFile zip = ZipEntries.open(file, "model")) {
            Opened opened = manifest(zip, file, oldestVersion);
            ModelManifest m = opened.manifest();
            Parts.Reader parts = m.formatVersion() >= ModelManifest.OLDEST_SEALED_VERSION ? ModelSeal.verify(zip, opened.bytes(), m, file)
                    : Parts.Reader.unsealed(zip, file.toString());
            // The word vectors (most of the file) decode on other threads while the vocabulary is
            // read: done one after the other, they were most of a cold start.
            CompletableFuture<WordEmbeddings> vectorsRead = m.embeddings() == null || !parts.has(EMBEDDINGS + EmbeddingsCodec.MANIFEST)
                    ? CompletableFuture.completedFuture(null)
                    : Background.start("stance-model-load", () -> EmbeddingsCodec.readFrom(parts, EMBEDDINGS));
            try {
                return restore(parts, m, vectorsRead, file);
            } finally {
                Background.finish(vectorsRead); // the zip stays open until the reader is done with it
            }
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new UserError(file + ": corrupt model file (" + e.getMessage() + ")", e);
        }
    }

    private static Loaded restore(Parts.Reader parts, ModelManifest m, CompletableFuture<WordEmbeddings> vectorsRead, Path file) {
        ModelManifest.Features f = m.features();
        TrainConfig config = m.trainConfig();
        List<Integer> classCounts = config.tasks().stream().map(t -> m.labels().get(t).size()).toList();
        long expected = Classifier.parameterCount(config, f.inputSize(), classCounts);
        if (expected != m.network().parameters() || expected > MAX_PARAMETERS) {
            throw new UserError(file + ": corrupt model: the manifest declares " + m.network().parameters() + " parameters, its architecture has "
                    + expected + (expected > MAX_PARAMETERS ? " (more than the " + MAX_PARAMETERS + " this format allows)" : ""));
        }
        Featurizer.Vocabulary vocabulary = vocabulary(parts.read(VOCABULARY, (long) f.ngramCount() * MAX_VOCABULARY_LINE), f.ngramCount(), file);
        // The parameters are read while the word vectors still decode on other threads: after them, they
        // were 25 ms of a 0.3 s cold start on this thread alone.
        float[] parameters;
        if (m.quantization() == null) {
            parameters = floats(parts.read(PARAMETERS, expected * 4), (int) expected, file);
        } else {
            int width = config.hidden() > 0 ? config.hidden() : classCounts.stream().mapToInt(Integer::intValue).sum();
            parameters = QuantizedParts.parameters(parts.read(QuantizedParts.PARAMETERS, QuantizedParts.parameterBytes(f.inputSize(), width, expected)),
                    f.inputSize(), width, (int) expected, file.toString());
        }
        WordEmbeddings vectors = m.embeddings() == null ? null : Background.result(vectorsRead);
        if (vectors == null && m.embeddings() != null) {
            throw new UserError(file + ": corrupt model: the manifest names word vectors, the file holds none");
        }
        if (vectors != null && m.embeddings().dimension() != vectors.dimension()) {
            throw new UserError(file + ": corrupt model: the manifest says the word vectors have " + m.embeddings().dimension()
                    + " dimensions, they have " + vectors.dimension());
        }
        Pooling pooling = m.embeddings() == null ? null : Pooling.valueOf(m.embeddings().pooling());
        Featurizer featurizer = Featurizer.of(config.normalizer(), config.ngrams(), vocabulary, vectors, pooling);
        if (featurizer.dimension() != f.inputSize()) {
            throw new UserError(file + ": corrupt model: the features give " + featurizer.dimension() + " inputs, the manifest says " + f.inputSize());
        }
        return new Loaded(m, Classifier.restore(featurizer, config, m.labels(), parameters));
    }

    /**
     * The manifest through {@link RecordReader} (no data binding: most of a cold start's manifest
     * time), or null when the document is not a well-formed manifest of this version, which
     * {@link #bound} then reads or refuses with data binding's own messages.
     */
    static ModelManifest streamed(byte[] bytes) {
        try {
            if (RecordReader.tree(bytes) instanceof Map<?, ?> tree && ModelManifest.FORMAT.equals(tree.get("format"))
                    && tree.get("formatVersion") instanceof Integer v && v >= ModelManifest.OLDEST_SEALED_VERSION
                    && v <= ModelManifest.FORMAT_VERSION) {
                return RecordReader.bind(tree, ModelManifest.class);
            }
        } catch (IOException | RecordReader.Unsupported e) {
            // fall through: data binding reads it or says what is wrong
        }
        return null;
    }

    /** The manifest through Jackson's data binding, with the format and version ({@code oldestVersion} to the current) checked first. */
    static ModelManifest bound(byte[] bytes, Path file, int oldestVersion) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // One line: Jackson's full message adds a second one locating the error in "[Source: ...]".
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new UserError(file + ": corrupt model manifest: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        }
        String format = node.path("format").asText("");
        if (!ModelManifest.FORMAT.equals(format)) {
            throw new UserError(file + ": not a stance model (format '" + format + "', expected '" + ModelManifest.FORMAT + "')");
        }
        if (!node.path("formatVersion").isInt()) {
            throw new UserError(file + ": corrupt model: its manifest has no format version; this stance reads " + READS);
        }
        int version = node.path("formatVersion").asInt();
        if (version < oldestVersion || version > ModelManifest.FORMAT_VERSION) {
            boolean upgradable = version >= ModelManifest.OLDEST_UPGRADABLE_VERSION && version < ModelManifest.FORMAT_VERSION;
            throw new UserError(file + ": model format version " + version + " (written by stance " + node.path("projectVersion").asText("?")
                    + "); this stance reads " + READS + " only: "
                    + (upgradable ? "re-save it with 'stance upgrade-model " + file + " -o NEW.zip'"
                            : "retrain the model with this version (its manifest records the command's settings)"));
        }
        try {
            return Json.MAPPER.treeToValue(node, ModelManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The original message only: the full one adds a second line locating the node in a "[Source: UNKNOWN]".
            throw new UserError(file + ": corrupt model manifest: " + e.getOriginalMessage(), e);
        }
    }

    /** The versions a model is loaded in, for messages. */
    private static final String READS = "format versions " + ModelManifest.OLDEST_SEALED_VERSION + " to " + ModelManifest.FORMAT_VERSION;

    /** A manifest's bytes and what they say. */
    private record Opened(byte[] bytes, ModelManifest manifest) {
    }

    private static Opened manifest(ZipFile zip, Path file, int oldestVersion) throws IOException {
        if (zip.getEntry(MANIFEST) == null) {
            throw new UserError(file + ": not a stance model (no " + MANIFEST + " inside)");
        }
        byte[] bytes = ZipEntries.read(zip, MANIFEST, MAX_MANIFEST_BYTES, file.toString());
        ModelManifest m = streamed(bytes);
        if (m == null) {
            m = bound(bytes, file, oldestVersion);
        }
        ModelManifest.Features f = m.features();
        if (f == null || m.network() == null || m.labels() == null || f.ngramCount() < 0 || f.ngramCount() > MAX_FEATURES
                || f.inputSize() < f.ngramCount() || f.inputSize() > MAX_FEATURES + 10_000) {
            throw new UserError(file + ": corrupt model manifest: missing or out-of-range feature counts");
        }
        if (m.network().tasks() == null || !java.util.Set.copyOf(m.network().tasks()).equals(m.labels().keySet())
                || m.network().tasks().size() != m.labels().size()) {
            throw new UserError(file + ": corrupt model manifest: the network's tasks " + m.network().tasks() + " are not the labeled tasks "
                    + m.labels().keySet());
        }
        for (String task : m.network().tasks()) {
            List<String> labels = m.labels().get(task);
            if (labels == null || labels.size() < 2 || labels.size() > 10_000) {
                throw new UserError(file + ": corrupt model manifest: task '" + task + "' has no valid label list");
            }
            if (java.util.Set.copyOf(labels).size() != labels.size()) {
                throw new UserError(file + ": corrupt model manifest: task '" + task + "' lists a label twice " + labels);
            }
        }
        try {
            m.trainConfig(); // the settings as the library reads them: a value out of range or missing is refused here, not later
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserError(file + ": corrupt model manifest: " + e.getMessage(), e);
        }
        if (m.embeddings() != null && (m.embeddings().dimension() <= 0 || m.embeddings().dimension() > EmbeddingsCodec.MAX_DIMENSION)) {
            throw new UserError(file + ": corrupt model manifest: word vector dimension " + m.embeddings().dimension() + " is out of range");
        }
        return new Opened(bytes, m);
    }

    private static byte[] vocabulary(Featurizer.Vocabulary v) {
        StringBuilder s = new StringBuilder(v.hashes().length * 32);
        for (int i = 0; i < v.hashes().length; i++) {
            s.append(v.groups()[i]).append('\t').append(v.idf()[i]).append('\t').append(Long.toHexString(v.hashes()[i])).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Featurizer.Vocabulary vocabulary(byte[] bytes, int expected, Path file) {
        long[] hashes = new long[expected];
        int[] groups = new int[expected];
        float[] idf = new float[expected];
        TsvCursor tsv = new TsvCursor(bytes, file + ": corrupt model", VOCABULARY, 3);
        int n = 0;
        while (tsv.nextLine()) {
            if (n == expected) {
                throw new UserError(file + ": corrupt model: " + VOCABULARY + " has more features than the " + expected + " the manifest says");
            }
            double group = tsv.decimal();
            groups[n] = (int) group;
            idf[n] = tsv.float32();
            hashes[n] = tsv.hex();
            if (group != groups[n] || groups[n] < 0 || groups[n] >= Featurizer.GROUPS || !Float.isFinite(idf[n]) || idf[n] < 0) {
                throw tsv.error("feature group " + group + " or weight " + idf[n] + " out of range");
            }
            n++;
        }
        if (n != expected) {
            throw new UserError(file + ": corrupt model: " + VOCABULARY + " has " + n + " features, the manifest says " + expected);
        }
        return new Featurizer.Vocabulary(hashes, groups, idf);
    }

    private static byte[] float32(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    private static float[] floats(byte[] bytes, int expected, Path file) {
        if (bytes.length != expected * 4L) {
            throw new UserError(file + ": corrupt model: " + PARAMETERS + " holds " + bytes.length + " bytes, expected " + expected * 4L);
        }
        float[] out = new float[expected];
        // one bulk copy, then the check: a value at a time through the buffer was a tenth of a cold start's reading
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        for (int i = 0; i < expected; i++) {
            if (!Float.isFinite(out[i])) {
                throw new UserError(file + ": corrupt model: parameter " + i + " is " + out[i]);
            }
        }
        return out;
    }
}
