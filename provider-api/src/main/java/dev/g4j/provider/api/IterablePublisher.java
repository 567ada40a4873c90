package dev.g4j.provider.api;

import dev.g4j.provider.api.flow.ChunkEmitter;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/** Emits a fixed list of chunks as demand allows; see {@link AsyncResult#of(ResponseChunk...)}. */
final class IterablePublisher implements Flow.Publisher<ResponseChunk> {
    private final List<ResponseChunk> chunks;

    IterablePublisher(List<ResponseChunk> chunks) {
        this.chunks = chunks;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        Iterator<ResponseChunk> it = chunks.iterator();
        AtomicReference<ChunkEmitter<ResponseChunk>> holder = new AtomicReference<>();
        holder.set(new ChunkEmitter<>(subscriber, new ChunkEmitter.Listener() {
            @Override
            public void onReady() {
                if (it.hasNext()) {
                    holder.get().emit(it.next());
                } else {
                    holder.get().complete();
                }
            }

            @Override
            public void onStop() {
            }
        }));
        holder.get().start();
        if (!it.hasNext()) {
            holder.get().complete();
        }
    }
}
