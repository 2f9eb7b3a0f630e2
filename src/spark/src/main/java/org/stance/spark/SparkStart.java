package org.stance.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A Spark session started on another thread while the job checks its model and inputs (a local
 * start takes 2-3 s, the checks a few tenths). A job whose checks fail {@link #refuse}s the start
 * and reports its error at once: the session is stopped as soon as it exists, by whichever thread
 * sees it first. Starts and refused stops are serialised, so a job that follows in the same JVM
 * (the tests) never gets a session that is being stopped.
 */
final class SparkStart {

    private static final Object STARTS = new Object();

    private SparkSession session;
    private Throwable failure;
    private boolean done;
    private boolean refused;

    /** Starts building the session on a daemon thread. */
    static SparkStart begin(SparkSession.Builder builder) {
        SparkStart start = new SparkStart();
        Thread starter = new Thread(() -> start.run(builder), "stance-spark-start");
        starter.setDaemon(true);
        starter.start();
        return start;
    }

    private void run(SparkSession.Builder builder) {
        synchronized (STARTS) {
            SparkSession made = null;
            Throwable failed = null;
            try {
                made = builder.getOrCreate();
            } catch (RuntimeException | Error e) {
                failed = e;
            }
            synchronized (this) {
                if (refused && made != null) {
                    made.stop();
                    made = null;
                }
                session = made;
                failure = failed;
                done = true;
                notifyAll();
            }
        }
    }

    /** The session, once started (the active one of the calling thread too), or what its start threw. */
    SparkSession get() {
        synchronized (this) {
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while Spark started", e);
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
        SparkSession.setActiveSession(session);
        return session;
    }

    /** The job will not run: the session is stopped now if it exists, else by the starter when it does. */
    void refuse() {
        SparkSession made;
        synchronized (this) {
            refused = true;
            made = session;
            session = null;
        }
        if (made != null) {
            made.stop();
        }
    }
}
