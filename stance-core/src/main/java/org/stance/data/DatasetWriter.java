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
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFile.write(file, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(LabeledSentence.COLUMNS.toArray(String[]::new)).build());
                for (LabeledSentence r : rows) {
                    printer.printRecord(r.cells());
                }
                printer.flush();
            });
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
