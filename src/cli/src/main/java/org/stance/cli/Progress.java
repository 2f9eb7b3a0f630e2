package org.stance.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines for long work: to the command's stderr, flushed at once so they show while it runs. */
final class Progress {

    private Progress() {
    }

    /**
     * Counts the sentence records a writer passes on and, while the run lasts, prints every
     * {@code everySeconds} how many are done: a long run says it is alive; a short one says nothing.
     */
    static ScoreWriter counting(ScoreWriter writer, PrintWriter err, int everySeconds) {
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stance-progress");
            t.setDaemon(true);
            return t;
        });
        long[] shown = {0};
        timer.scheduleAtFixedRate(() -> {
            if (done.get() == shown[0]) {
                return; // nothing new (an interactive session waiting for input): say nothing
            }
            shown[0] = done.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            err.printf("score: %,d sentences in %.0f s (%,.0f/s)%n", done.get(), seconds, done.get() / seconds);
            err.flush();
        }, everySeconds, everySeconds, java.util.concurrent.TimeUnit.SECONDS);
        return new ScoreWriter() {
            @Override
            public void sentence(String articleId, org.stance.api.SentenceScore s) throws java.io.IOException {
                writer.sentence(articleId, s);
                done.incrementAndGet();
            }

            @Override
            public void article(org.stance.api.ArticleScore a) throws java.io.IOException {
                writer.article(a);
            }

            @Override
            public void finish() throws java.io.IOException {
                writer.finish();
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }

    static Consumer<String> to(PrintWriter err) {
        return line -> {
            err.println(line);
            err.flush();
        };
    }
}
