package org.stance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Help says each default once, never an empty one; options that a chosen optimizer ignores are refused, not accepted silently. */
class HelpTest {

    static final List<List<String>> COMMANDS = List.of(List.of("prepare"), List.of("dataset", "stats"), List.of("dataset", "split"),
            List.of("dataset", "add"), List.of("train"), List.of("evaluate"), List.of("cross-validate"), List.of("score"), List.of("suggest"),
            List.of("bench-score"), List.of("embed", "train"), List.of("embed", "import"), List.of("embed", "inspect"), List.of("inspect"),
            List.of("quantize"), List.of("upgrade-model"));

    @Test
    void everyDefaultIsSaidOnceAndIsNotEmpty() {
        for (List<String> command : COMMANDS) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(0, r.code(), command + ": " + r.err());
            String previous = "";
            for (String line : r.out().split("\n")) {
                assertTrue(!line.matches("\\s*Default:\\s*"), command + ": an empty default");
                assertTrue(!(line.contains("Default:") && previous.contains("Default:")), command + ": two defaults in a row: " + previous + " / " + line);
                previous = line;
            }
        }
    }

    @Test
    void miniBatchOptionsAreRefusedWithLbfgs() {
        for (String option : List.of("--lr", "--patience", "--batch-size", "--dropout")) {
            CliRunner.Result r = CliRunner.run("train", "x.csv", option, "1", "-o", "m.zip");
            assertEquals(2, r.code(), option);
            assertTrue(r.err().contains(option + " applies to the mini-batch optimizers"), r.err());
        }
    }
}
