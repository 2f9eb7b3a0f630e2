package org.stance.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stance.UserError;

/** Resolves the inputs of {@code prepare} and {@code score}: files, folders (their *.txt, sorted) or "-" for stdin. */
public final class ArticleSource {

    private ArticleSource() {
    }

    /** Lists the article files named by the inputs, in a stable order, failing on a missing path. */
    public static List<Path> files(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(p -> p.getFileName().toString().endsWith(".txt"))
                            .sorted().toList();
                    if (found.isEmpty()) {
                        throw new UserError(input + ": folder holds no .txt article");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new UserError("cannot list " + input + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new UserError(input + ": no such file or folder");
            }
        }
        return files;
    }

    /** Reads every input; "-" reads standard input. Article ids must be unique. */
    public static List<RawArticle> read(List<Path> inputs, InputStream stdin) {
        List<RawArticle> articles = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path p : inputs) {
            if (p.toString().equals("-")) {
                articles.add(fromStdin(stdin));
            } else {
                paths.add(p);
            }
        }
        for (Path file : files(paths)) {
            articles.add(new RawArticle(idOf(file), file.toString(), TextFiles.read(file)));
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
        return new RawArticle("stdin-" + sha256(text).substring(0, 12), "-", text);
    }

    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256, the same figure {@code sha256sum} prints for the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
