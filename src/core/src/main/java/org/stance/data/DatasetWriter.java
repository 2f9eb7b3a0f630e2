package org.stance.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stance.io.AtomicFile;
import org.stance.UserError;

/** Writes labeled sentences in the dataset schema (UTF-8, RFC 4180), atomically. */
public final class DatasetWriter {

    private DatasetWriter() {
    }

    public static void write(Path file, List<LabeledSentence> rows) {
        writeAll(java.util.Map.of(file, rows));
    }

    /** Writes several files as one unit: all of them, or (on any failure) none. */
    public static void writeAll(java.util.Map<Path, List<LabeledSentence>> files) {
        java.util.Map<Path, AtomicFile.Content> contents = new java.util.LinkedHashMap<>();
        files.forEach((file, rows) -> contents.put(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(LabeledSentence.COLUMNS.toArray(String[]::new)).build());
            for (LabeledSentence r : rows) {
                printer.printRecord(r.cells());
            }
            printer.flush();
        }));
        try {
            for (Path file : files.keySet()) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            AtomicFile.writeAll(contents);
        } catch (IOException e) {
            throw new UserError("cannot write " + String.join(", ", files.keySet().stream().map(Path::toString).toList()) + ": " + e.getMessage(), e);
        }
    }
}
