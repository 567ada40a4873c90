package dev.g4j.provider.registry;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that fires the registry's idle and total timeouts for every request. The tasks it runs
 * only cancel an attempt and signal the subscriber (or start the next candidate, which does no I/O by contract).
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Timers() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "g4j-registry-timeouts");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Runs {@code task} after {@code delayNanos} (at once when it is zero or less). */
    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return EXECUTOR.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                System.getLogger(ProviderRegistry.class.getName())
                        .log(System.Logger.Level.WARNING, "A registry timeout task failed", e);
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
}
