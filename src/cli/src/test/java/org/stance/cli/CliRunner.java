package org.stance.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process, capturing stdout and stderr (System.out is swapped for commands that stream to it). */
final class CliRunner {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        return runWithStdin("", args);
    }

    static synchronized Result runWithStdin(String stdin, String... args) {
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            StringWriter out = new StringWriter();
            int code = StanceCommand.run(args, new PrintWriter(out), new PrintWriter(err));
            System.out.flush();
            return new Result(code, out + bytes.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    private CliRunner() {
    }
}
