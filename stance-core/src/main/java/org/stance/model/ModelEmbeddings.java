package org.stance.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.stance.UserError;
import org.stance.embed.WordEmbeddings;

/**
 * Opens word vectors for training from an embeddings artifact ({@code stance embed}) or from a
 * model that carries them: retraining the shipped model can reuse its exact vectors, which keeps
 * it reproducible without the 16-minute embedding run (whose DL4J sampling is not seedable).
 */
final class ModelEmbeddings {

    static final String PREFIX = "embeddings/";

    private ModelEmbeddings() {
    }

    static WordEmbeddings load(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("manifest.json") != null) {
                if (zip.stream().noneMatch(e -> e.getName().startsWith(PREFIX))) {
                    throw new UserError(file + ": this model carries no word vectors to reuse");
                }
                return WordEmbeddings.readFrom(zip, PREFIX);
            }
        } catch (IOException e) {
            // not a readable zip: let the embeddings loader give its own message
        }
        return WordEmbeddings.load(file);
    }
}
