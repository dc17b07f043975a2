package io.leadhandoff.common.tx;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One background thread running one task on request: requests made while a run is already queued
 * coalesce into it, so a burst of commits asks for one drain, not thousands. The outbox relay and
 * the timer runner are woken this way after a commit, and by their polls.
 */
public final class CoalescingWorker {

    private final Runnable task;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescingWorker(String threadName, Runnable task) {
        this.task = task;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a run soon; calls coalesce while one is queued. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                task.run();
            });
        }
    }

    /** Lets a running task finish (up to {@code wait}), then stops. */
    public void stop(Duration wait) {
        executor.shutdown();
        try {
            executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
