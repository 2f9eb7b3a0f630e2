package org.stance.curation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stance.UserError;

/**
 * Where the files of a labeled dataset folder live: all sentences, the fixed splits and the
 * agreement study (first pass and second pass on the same sentences, and the adjudication).
 */
public record DatasetLayout(Path dir) {

    public static final List<String> SPLITS = List.of("train", "dev", "test");

    public Path sentences() {
        return dir.resolve("sentences.csv");
    }

    public Path split(String name) {
        return dir.resolve(name + ".csv");
    }

    public Path firstPass() {
        return dir.resolve("agreement/pass1.csv");
    }

    public Path secondPass() {
        return dir.resolve("agreement/pass2.csv");
    }

    public Path adjudication() {
        return dir.resolve("agreement/adjudication.csv");
    }

    public void requireSentences() {
        if (!Files.isRegularFile(sentences())) {
            throw new UserError(dir + ": not a dataset folder (no sentences.csv)");
        }
    }
}
