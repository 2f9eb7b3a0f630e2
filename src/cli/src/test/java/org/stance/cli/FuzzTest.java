package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.data.DatasetWriter;
import org.stance.io.Hashes;

/**
 * Seeded fuzzing of the three kinds of input a user hands the CLI: raw articles, labeled CSV files
 * and model manifests. Every run must end with exit 0, 1 or 2, no stack trace or internal error,
 * and no output file unless it succeeded; segmentation time must grow linearly with the input.
 * Bounded to about a minute.
 */
class FuzzTest {

    private static final String ALPHABET = "قالمسؤولإنالقواتستبقىفيالعراقوالانسحاب .،؛؟!:\n\n\r\t«»\"“”'()[]-–…0123456789٠١٢ABCxyz"
            + "\u0000\u0001\u001b\u007f\u0085\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u202e\u2060\ufeff\ufe0f\ud800\udc00\u0640\u064b";

    @TempDir
    Path dir;

    private final Random random = new Random(2027);

    private String hostile(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            if (random.nextInt(8) == 0) {
                b.append("قال المسؤول إن القوات ستبقى في العراق. ");
            } else {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    private static void assertClean(CliRunner.Result r, Path output, String what) {
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, what + ": exit " + r.code() + "\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error") || r.err().contains("Exception"), what + ": " + r.err());
        if (output != null) {
            assertTrue(r.code() == 0 || !Files.exists(output), what + ": a failed run left an output file");
            assertTrue(r.code() != 0 || Files.exists(output), what + ": a run that succeeded wrote no output");
        }
    }

    @Test
    void rawArticles() throws Exception {
        String model = TestModels.small().toString();
        for (int i = 0; i < 150; i++) {
            Path article = dir.resolve("a" + i + ".txt");
            byte[] bytes = hostile(50 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8);
            if (i % 10 == 9) {
                bytes[random.nextInt(bytes.length)] = (byte) 0xC3; // a broken UTF-8 sequence
            }
            Files.write(article, bytes);
            Path out = dir.resolve("out" + i + ".jsonl");
            CliRunner.Result r = CliRunner.run("score", "-m", model, article.toString(), "--format", "jsonl", "-o", out.toString());
            assertClean(r, out, "score " + article);
            if (r.code() == 0) {
                for (String line : Files.readAllLines(out)) {
                    new ObjectMapper().readTree(line); // every record is valid JSON
                }
            }
            Path csv = dir.resolve("prep" + i + ".csv");
            assertClean(CliRunner.run("prepare", article.toString(), "-o", csv.toString()), csv, "prepare " + article);
            CliRunner.Result lines = CliRunner.run("score", "-m", model, "--sentences", article.toString(), "--format", "csv", "-o",
                    dir.resolve("lines" + i + ".csv").toString());
            assertClean(lines, dir.resolve("lines" + i + ".csv"), "score --sentences " + article);
        }
    }

    @Test
    void labeledCsvFiles() throws Exception {
        Path valid = dir.resolve("valid.csv");
        DatasetWriter.write(valid, TestData.head("test", 40));
        String text = Files.readString(valid);
        String model = TestModels.small().toString();
        for (int i = 0; i < 150; i++) {
            StringBuilder b = new StringBuilder(text);
            for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(7)) {
                    case 0 -> b.insert(at, '"');
                    case 1 -> b.insert(at, ',');
                    case 2 -> b.insert(at, '\n');
                    case 3 -> b.deleteCharAt(at);
                    case 4 -> b.setLength(at); // truncated
                    case 5 -> b.insert(at, "\u0000");
                    default -> b.insert(0, '\ufeff');
                }
                if (b.length() == 0) {
                    b.append(',');
                }
            }
            Path csv = Files.writeString(dir.resolve("fuzz" + i + ".csv"), b);
            assertClean(CliRunner.run("evaluate", "-m", model, csv.toString()), null, "evaluate " + csv);
            if (i % 6 == 0) {
                Path out = dir.resolve("m" + i + ".zip");
                assertClean(CliRunner.run("train", csv.toString(), "--no-embeddings", "--max-features", "500", "--epochs", "20", "-o",
                        out.toString()), out, "train " + csv);
            }
        }
    }

    @Test
    void modelManifests() throws Exception {
        Path model = TestModels.small();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(model.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        String pieces = "{}[]\",:0123456789-.eE truefalsnul\\u0000";
        for (int i = 0; i < 150; i++) {
            StringBuilder b = new StringBuilder(manifest);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(b.length());
                if (random.nextBoolean()) {
                    b.setCharAt(at, pieces.charAt(random.nextInt(pieces.length())));
                } else {
                    b.deleteCharAt(at);
                }
            }
            byte[] changed = b.toString().getBytes(StandardCharsets.UTF_8);
            Map<String, byte[]> copy = new LinkedHashMap<>(entries);
            copy.put("manifest.json", changed);
            if (i % 2 == 0) { // sealed again, so that the manifest's own checks are reached
                copy.put("manifest.sha256", (Hashes.sha256(changed) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            Path file = dir.resolve("model" + i + ".zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (Map.Entry<String, byte[]> e : copy.entrySet()) {
                    out.putNextEntry(new ZipEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            assertClean(CliRunner.run("inspect", file.toString()), null, "inspect " + file);
            Path out = dir.resolve("scored" + i + ".jsonl");
            assertClean(CliRunner.run("score", "-m", file.toString(), TestData.SEEDS.resolve("003_8b30ea1d89039507.txt").toString(), "--format",
                    "jsonl", "-o", out.toString()), out, "score -m " + file);
        }
    }

    /** The same hostile text at 1x and 8x: prepare's time grows about 8x (bounded at 24x), never quadratically. */
    @Test
    void timeGrowsLinearlyWithTheInput() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String unit = hostile(64_000);
            double one = best(unit);
            double eight = best(unit.repeat(8));
            if (eight > 24 * Math.max(one, 0.01)) {
                failures.add(String.format("1x %.3f s, 8x %.3f s", one, eight));
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    private double best(String page) throws Exception {
        Path file = Files.write(dir.resolve("page.txt"), page.getBytes(StandardCharsets.UTF_8));
        double best = Double.MAX_VALUE;
        for (int k = 0; k < 2; k++) {
            long t = System.nanoTime();
            CliRunner.run("prepare", file.toString(), "-o", dir.resolve("page.csv").toString());
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }
}
