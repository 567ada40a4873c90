package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ChunkIterator;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.registry.ProviderRegistry;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a conversation and prints the answer as it arrives. The chunks are read on the calling thread, so a slow
 * terminal or pipe holds the upstream back instead of filling memory.
 */
final class Asker {
    /** How long past the total timeout the CLI waits for a provider that does not enforce it itself. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final ProviderRegistry registry;
    private final ProviderOptions options;
    private final AnswerPrinter printer;
    private final Interrupts interrupts;
    private ScheduledExecutorService timer;

    Asker(ProviderRegistry registry, ProviderOptions options, AnswerPrinter printer, Interrupts interrupts) {
        this.registry = registry;
        this.options = options;
        this.printer = printer;
        this.interrupts = interrupts;
    }

    /**
     * Asks and prints; returns the final text.
     *
     * @throws CancellationException when Ctrl-C cancelled the answer
     * @throws dev.g4j.provider.api.ProviderException when the request failed
     */
    String ask(Target target, Messages messages) {
        printer.start();
        AsyncResult result = registry.create(target.spec(), messages, options);
        ChunkIterator chunks = result.blockingIterator();
        Thread waiter = Thread.currentThread();
        AtomicBoolean overdue = new AtomicBoolean();
        interrupts.answering(chunks::close);
        ScheduledFuture<?> watchdog = timer().schedule(() -> {
            overdue.set(true);
            chunks.close();
            waiter.interrupt();
        }, options.totalTimeout().plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (chunks.hasNext()) {
                printer.accept(chunks.next());
            }
            return printer.finish();
        } catch (RuntimeException e) {
            printer.abort();
            if (interrupts.fired()) {
                throw new CancellationException("Cancelled by Ctrl-C");
            }
            if (overdue.get()) {
                throw new ProviderTimeoutException(ProviderTimeoutException.Kind.TOTAL, options.totalTimeout(),
                        "No complete answer within " + seconds(options.totalTimeout()) + ".");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            chunks.close();
            interrupts.done();
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "g4j-timeout");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
