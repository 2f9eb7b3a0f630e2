import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two builds of stance scoring the same sentences in one JVM, round after round, alternating:
 * on a machine whose speed drifts (this project's 2-core VM varies by a third between runs),
 * builds measured one after the other compare the machine's moments, not the builds. Each build
 * has its own class loader, model and JIT-compiled code; each round scores every sentence once on
 * one thread through the Java API ({@code StanceModel.scoreSentences}, batches of 256).
 *
 * <pre>
 * java -Xmx8g bench/SideBySide.java OLD.jar NEW.jar SENTENCES.txt [ROUNDS] [MODEL.zip]
 * </pre>
 *
 * SENTENCES.txt: one sentence per line (bench/scoring.sh writes target/bench-results/scoring/sentences.txt).
 * Prints each round's sentences/s and, after two warm-up rounds, the medians and in how many rounds B was faster.
 */
public class SideBySide {

    /** One build: its class loader, its loaded model, its scoring method. */
    private record Build(Object model, Method score) {

        static Build load(Path jar, Path model) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> api = loader.loadClass("org.stance.api.StanceModel");
            Object loaded = api.getMethod("load", Path.class).invoke(null, model);
            loaded = api.getMethod("withThreads", int.class).invoke(loaded, 1);
            return new Build(loaded, api.getMethod("scoreSentences", List.class, String.class));
        }

        double sentencesPerSecond(List<String> sentences) throws Exception {
            long start = System.nanoTime();
            for (int i = 0; i < sentences.size(); i += 256) {
                score.invoke(model, sentences.subList(i, Math.min(sentences.size(), i + 256)), null);
            }
            return sentences.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java -Xmx8g bench/SideBySide.java OLD.jar NEW.jar SENTENCES.txt [ROUNDS] [MODEL.zip]");
            System.exit(2);
        }
        List<String> sentences = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Path model = Path.of(args.length > 4 ? args[4] : "models/iraq-presence.zip");
        Build a = Build.load(Path.of(args[0]), model);
        Build b = Build.load(Path.of(args[1]), model);
        List<Double> ra = new ArrayList<>();
        List<Double> rb = new ArrayList<>();
        int bFaster = 0;
        for (int r = 0; r < rounds + 2; r++) {
            double x = a.sentencesPerSecond(sentences);
            double y = b.sentencesPerSecond(sentences);
            System.err.printf("round %d of %d: A %,.0f  B %,.0f sentences/s%s%n", r + 1, rounds + 2, x, y, r < 2 ? " (warm-up)" : "");
            if (r >= 2) {
                ra.add(x);
                rb.add(y);
                bFaster += y > x ? 1 : 0;
            }
        }
        double ma = median(ra);
        double mb = median(rb);
        System.out.printf("%d sentences, %d rounds on 1 thread: A median %,.0f sentences/s, B median %,.0f (B/A %.3f); B faster in %d of %d rounds%n",
                sentences.size(), rounds, ma, mb, mb / ma, bFaster, rounds);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
