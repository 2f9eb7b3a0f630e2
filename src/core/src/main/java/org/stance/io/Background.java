package org.stance.io;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Parts of an artifact decoded on their own daemon thread while the caller reads the rest (a model
 * load is mostly waiting on the word vectors; the n-gram vectors decode while scoring starts): the
 * result, or its exception, is taken back on the caller's thread, and a caller that shares a zip
 * with the reader waits for it before it closes the zip.
 */
public final class Background {

    private Background() {
    }

    /** Starts {@code work} on a new daemon thread. */
    public static <T> CompletableFuture<T> start(String threadName, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The result, or the work's exception thrown as it was thrown on the background thread. */
    public static <T> T result(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for the work to end, whatever its outcome (the caller is failing already and will close what it reads). */
    public static void finish(CompletableFuture<?> future) {
        future.exceptionally(ignored -> null).join();
    }
}
