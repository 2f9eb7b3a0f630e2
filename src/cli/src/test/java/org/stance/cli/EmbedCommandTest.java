package org.stance.cli;

import org.stance.artifact.EmbeddingsCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.embed.WordEmbeddings;

class EmbedCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StanceCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpShowsTheDefaults() {
        Result r = run("embed", "train", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--dim") && r.out().contains("Default: 100"), r.out());
        assertTrue(r.out().contains("--max-words") && r.out().contains("Default: 50000"), r.out());
    }

    @Test
    void aMissingCorpusFailsBeforeTraining() {
        Result r = run("embed", "train", "--corpus", dir.resolve("nothing").toString(), "-o", dir.resolve("e.zip").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nothing: no such file or folder"), r.err());
    }

    @Test
    void anUnwritableOutputFailsBeforeReadingTheCorpus() {
        Result r = run("embed", "train", "--corpus", dir.resolve("nothing").toString(), "-o", dir.resolve("no/such/folder/e.zip").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void importsAVecFileAndInspectsIt() throws IOException {
        Path vec = dir.resolve("v.vec");
        Files.writeString(vec, "3 2\nالقوات 1 0\nالجيش 0.9 0.1\nالنفط 0 1\n");
        Path zip = dir.resolve("v.zip");
        Result r = run("embed", "import", vec.toString(), "-o", zip.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(3, EmbeddingsCodec.load(zip).vocabularySize());

        Result inspect = run("embed", "inspect", zip.toString(), "--neighbours", "القوات", "-k", "1");
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("القوات: الجيش"), inspect.out());
    }

    @Test
    void eachModeListsOnlyItsOwnOptions() {
        Result inspect = run("embed", "inspect", "--help");
        assertEquals(0, inspect.code());
        assertTrue(inspect.out().contains("--neighbours") && !inspect.out().contains("--dim") && !inspect.out().contains("--corpus"), inspect.out());
        Result mixed = run("embed", "inspect", "x.zip", "-o", dir.resolve("e.zip").toString());
        assertEquals(2, mixed.code(), "an option of another mode is a usage error");
        Result none = run("embed", "train", "-o", dir.resolve("e.zip").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--corpus"), none.err());
    }
}
