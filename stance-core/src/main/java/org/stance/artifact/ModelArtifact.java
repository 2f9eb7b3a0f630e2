package org.stance.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.stance.io.AtomicFile;
import org.stance.UserError;
import org.stance.embed.Pooling;
import org.stance.embed.WordEmbeddings;
import org.stance.features.Featurizer;
import org.stance.model.Classifier;
import org.stance.text.NormalizerConfig;

/**
 * The one-file model: a zip holding manifest.json, the n-gram vocabulary and the DL4J network.
 * Loading accepts only this format at this version, and says which version a file has when it
 * is another.
 */
public final class ModelArtifact {

    static final String MANIFEST = "manifest.json";
    static final String VOCABULARY = "vocabulary.tsv";
    static final String NETWORK = "network.dl4j.zip";
    static final String EMBEDDINGS = "embeddings/"; // the prefix ModelEmbeddings reads too

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A loaded model: what it says about itself and the classifier. */
    public record Loaded(Manifest manifest, Classifier classifier) {
    }

    private ModelArtifact() {
    }

    /** Fails fast, before training, when the model file could not be written. */
    public static void checkWritable(Path file) {
        AtomicFile.checkWritable(file, "model ");
    }

    /** Writes the artifact atomically: readers never see a half-written model. */
    public static void save(Path file, Manifest manifest, Classifier classifier) {
        checkWritable(file);
        try {
            AtomicFile.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(VOCABULARY));
                Writer w = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                classifier.featurizer().writeVocabulary(w);
                w.flush();
                zip.closeEntry();
                if (classifier.featurizer().embeddings() != null) {
                    classifier.featurizer().embeddings().writeTo(zip, EMBEDDINGS);
                }
                zip.putNextEntry(new ZipEntry(NETWORK));
                ByteArrayOutputStream net = new ByteArrayOutputStream();
                ModelSerializer.writeModel(classifier.network(), net, false);
                net.writeTo(zip);
                zip.closeEntry();
                zip.finish();
            });
        } catch (IOException e) {
            throw new UserError("cannot write model " + file + ": " + e.getMessage(), e);
        }
    }

    /** A manifest (or any figures) as indented JSON. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads only the manifest (for inspect), checking format and version. */
    public static Manifest readManifest(Path file) {
        try (ZipFile zip = open(file)) {
            return manifest(zip, file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read model: " + e.getMessage(), e);
        }
    }

    public static Loaded load(Path file) {
        try (ZipFile zip = open(file)) {
            Manifest manifest = manifest(zip, file);
            Featurizer featurizer;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(entry(zip, VOCABULARY, file), StandardCharsets.UTF_8))) {
                EmbeddingUse use = manifest.embeddings();
                featurizer = Featurizer.readVocabulary(r, NormalizerConfig.fromMap(manifest.normalizer()), manifest.ngrams(),
                        use == null ? null : WordEmbeddings.readFrom(zip, EMBEDDINGS), use == null ? null : Pooling.valueOf(use.pooling()));
            }
            if (featurizer.dimension() != manifest.featureCount()) {
                throw new UserError(file + ": corrupt model: vocabulary has " + featurizer.dimension() + " features, manifest says "
                        + manifest.featureCount());
            }
            ComputationGraph network;
            try (InputStream in = entry(zip, NETWORK, file)) {
                network = ModelSerializer.restoreComputationGraph(in, false);
            }
            return new Loaded(manifest, new Classifier(featurizer, network, manifest.labels()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(file + ": corrupt model file (" + e.getMessage() + ")", e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError("model " + file + ": no such file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new UserError(file + ": not a model file (not a zip archive: " + e.getMessage() + ")", e);
        }
    }

    private static Manifest manifest(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new UserError(file + ": not a stance model (no " + MANIFEST + " inside)");
        }
        com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(zip.getInputStream(entry));
        String format = node.path("format").asText("");
        int version = node.path("formatVersion").asInt(-1);
        if (!Manifest.FORMAT.equals(format)) {
            throw new UserError(file + ": not a stance model (format '" + format + "', expected '" + Manifest.FORMAT + "')");
        }
        if (version != Manifest.FORMAT_VERSION) {
            throw new UserError(file + ": model format version " + version + " (written by stance "
                    + node.path("projectVersion").asText("?") + "); this stance reads format version " + Manifest.FORMAT_VERSION
                    + " only: retrain the model or use a matching stance version");
        }
        return JSON.treeToValue(node, Manifest.class);
    }

    private static InputStream entry(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new UserError(file + ": corrupt model: missing " + name);
        }
        return zip.getInputStream(e);
    }
}
