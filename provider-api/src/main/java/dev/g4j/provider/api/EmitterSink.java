package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.ChunkEmitter;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link ChunkSink} over a {@link ChunkEmitter}: one {@code Finish}, last; clean-up actions on cancel. */
final class EmitterSink implements ChunkSink {
    private final ChunkEmitter<ResponseChunk> emitter;
    private final AtomicReference<Runnable> demandAction = new AtomicReference<>();
    private final AtomicReference<Runnable> cancelAction = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelRan = new AtomicBoolean();

    EmitterSink(Flow.Subscriber<? super ResponseChunk> subscriber) {
        this.emitter = new ChunkEmitter<>(subscriber, new ChunkEmitter.Listener() {
            @Override
            public void onReady() {
                Runnable action = demandAction.get();
                if (action != null) {
                    action.run();
                }
            }

            @Override
            public void onStop() {
                if (emitter().isCancelled()) {
                    runCancelAction();
                }
            }
        });
    }

    private ChunkEmitter<ResponseChunk> emitter() {
        return emitter;
    }

    void start() {
        emitter.start();
    }

    @Override
    public boolean emit(ResponseChunk chunk) {
        if (chunk == null) {
            throw new NullPointerException("chunk");
        }
        if (finished.get()) {
            return false;
        }
        if (chunk instanceof ResponseChunk.Finish && !finished.compareAndSet(false, true)) {
            return false;
        }
        return emitter.emit(chunk);
    }

    @Override
    public void complete() {
        if (finished.compareAndSet(false, true)) {
            emitter.emit(ResponseChunk.finish("stop"));
        }
        emitter.complete();
    }

    @Override
    public void fail(Throwable error) {
        finished.set(true);
        emitter.fail(error == null ? new NullPointerException("error") : error);
    }

    @Override
    public boolean isCancelled() {
        return emitter.isCancelled();
    }

    @Override
    public boolean isDone() {
        return emitter.isDone();
    }

    @Override
    public long demand() {
        return Math.max(0, emitter.demand() - emitter.buffered());
    }

    @Override
    public void onDemand(Runnable action) {
        demandAction.set(action);
        if (action != null && demand() > 0 && !isDone()) {
            emitter.drain();
        }
    }

    @Override
    public void onCancel(Runnable action) {
        cancelAction.set(action);
        if (emitter.isCancelled()) {
            runCancelAction();
        }
    }

    private void runCancelAction() {
        Runnable action = cancelAction.get();
        if (action != null && cancelRan.compareAndSet(false, true)) {
            action.run();
        }
    }
}
