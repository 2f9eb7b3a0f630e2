package org.stance.data;

import org.stance.io.TextFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stance.UserError;
import org.stance.io.Hashes;
import org.stance.io.InputFiles;

/** Resolves the inputs of {@code prepare} and {@code score}: files, folders (their *.txt, sorted) or "-" for stdin. */
public final class ArticleSource {

    private ArticleSource() {
    }

    /** Reads every input; "-" reads standard input. Article ids must be unique. */
    public static List<RawArticle> read(List<Path> inputs, InputStream stdin) {
        return read(inputs, stdin, null);
    }

    /**
     * Reads every input as {@link #read(List, InputStream)} does; with {@code skipped}, a file that
     * cannot be read as UTF-8 text (or a folder entry that is not a file) is reported there, one
     * line each, and left out instead of failing the whole run.
     */
    public static List<RawArticle> read(List<Path> inputs, InputStream stdin, java.util.function.Consumer<String> skipped) {
        List<RawArticle> articles = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path p : inputs) {
            if (p.toString().equals("-")) {
                articles.add(fromStdin(stdin));
            } else {
                paths.add(p);
            }
        }
        for (Path file : InputFiles.files(paths, skipped)) {
            try {
                articles.add(new RawArticle(InputFiles.idOf(file), file.toString(), TextFiles.read(file)));
            } catch (UserError e) {
                if (skipped == null) {
                    throw e;
                }
                skipped.accept(e.getMessage());
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (RawArticle a : articles) {
            String previous = seen.putIfAbsent(a.id(), a.source());
            if (previous != null) {
                throw new UserError("two inputs give the same article id '" + a.id() + "': " + previous + " and " + a.source());
            }
        }
        return articles;
    }

    public static RawArticle fromStdin(InputStream stdin) {
        String text = TextFiles.read(stdin, "standard input");
        return new RawArticle("stdin-" + Hashes.sha256(text).substring(0, 12), "-", text);
    }
}
