package dev.g4j.provider.api;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * The publisher behind {@link AsyncResult#fromBlocking(Executor, BlockingProducer)}: runs the producer on the
 * executor; each emit waits for demand.
 */
final class BlockingResult implements Flow.Publisher<ResponseChunk> {
    private final Executor executor;
    private final BlockingProducer producer;

    BlockingResult(Executor executor, BlockingProducer producer) {
        this.executor = executor;
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        EmitterSink sink = new EmitterSink(subscriber);
        Gate gate = new Gate(sink);
        sink.onDemand(gate::open);
        sink.start();
        Runnable task = () -> run(sink, gate);
        try {
            if (executor == null) {
                Thread thread = new Thread(task, "g4j-blocking-producer");
                thread.setDaemon(true);
                thread.start();
            } else {
                executor.execute(task);
            }
        } catch (RejectedExecutionException e) {
            sink.fail(new ProviderNotWorkingException("The provider's executor refused the request: " + e.getMessage(), e));
        }
    }

    private void run(EmitterSink sink, Gate gate) {
        Thread me = Thread.currentThread();
        sink.onCancel(() -> {
            gate.open();
            me.interrupt();
        });
        try {
            producer.produce(gate);
            if (!sink.isCancelled()) {
                sink.complete();
            }
        } catch (InterruptedException | CancellationException e) {
            if (!sink.isCancelled()) {
                sink.fail(e);
            }
        } catch (Throwable t) {
            sink.fail(t);
        } finally {
            if (sink.isCancelled()) {
                // Clear a cancel's interrupt so a pooled thread is returned clean.
                Thread.interrupted();
            }
        }
    }

    /** The blocking side: emit waits on a monitor that demand (or the end) opens. */
    private static final class Gate implements BlockingChunkSink {
        private final EmitterSink sink;

        Gate(EmitterSink sink) {
            this.sink = sink;
        }

        synchronized void open() {
            notifyAll();
        }

        @Override
        public boolean emit(ResponseChunk chunk) throws InterruptedException {
            Objects.requireNonNull(chunk, "chunk");
            synchronized (this) {
                while (sink.demand() == 0 && !sink.isDone()) {
                    wait();
                }
            }
            return !sink.isDone() && sink.emit(chunk);
        }

        @Override
        public boolean isCancelled() {
            return sink.isCancelled();
        }
    }
}
