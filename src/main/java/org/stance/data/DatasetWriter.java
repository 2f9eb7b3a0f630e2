package org.stance.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stance.UserError;

/** Writes labeled sentences in the dataset schema (UTF-8, RFC 4180), atomically. */
public final class DatasetWriter {

    private DatasetWriter() {
    }

    public static void write(Path file, List<LabeledSentence> rows) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                     CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                             .setHeader(LabeledSentence.COLUMNS.toArray(String[]::new)).build())) {
                    for (LabeledSentence r : rows) {
                        printer.printRecord(r.cells());
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
