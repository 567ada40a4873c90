package dev.g4j.bench;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Role;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A provider for the gateway benchmark: the prompt {@code "TOKENS INTERVAL_MS"} makes it answer TOKENS text chunks,
 * each the wall-clock time it was emitted in microseconds since the epoch followed by a space, one every
 * INTERVAL_MS (0: all at once). A reader anywhere on the machine subtracts the stamp from its own clock.
 */
final class StampProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    static final String MODEL = "stamp";
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stamp-timer");
        t.setDaemon(true);
        return t;
    });

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The stamp in a token, or -1. */
    static long stampOf(String token) {
        int space = token.indexOf(' ');
        try {
            return Long.parseLong(space < 0 ? token : token.substring(0, space));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String name() {
        return "Stamp";
    }

    @Override
    public String label() {
        return "Stamp";
    }

    @Override
    public String url() {
        return "local";
    }

    @Override
    public boolean working() {
        return true;
    }

    @Override
    public boolean supportsStream() {
        return true;
    }

    @Override
    public boolean supportsSystemMessage() {
        return false;
    }

    @Override
    public boolean supportsMessageHistory() {
        return false;
    }

    @Override
    public String defaultModel() {
        return MODEL;
    }

    @Override
    public List<String> models() {
        return List.of(MODEL);
    }

    @Override
    public Map<String, String> modelAliases() {
        return Map.of();
    }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        String[] spec = messages.last(Role.USER).orElseThrow().content().strip().split("\\s+");
        int tokens = Integer.parseInt(spec[0]);
        long interval = Long.parseLong(spec[1]);
        return AsyncResult.create(sink -> {
            if (interval <= 0) {
                for (int i = 0; i < tokens && !sink.isCancelled(); i++) {
                    sink.emitText(nowMicros() + " ");
                }
                sink.emit(ResponseChunk.usage(1, tokens, tokens + 1));
                sink.complete();
                return;
            }
            int[] sent = {0};
            ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
            task[0] = timer.scheduleAtFixedRate(() -> {
                if (sink.isCancelled() || sent[0] >= tokens) {
                    task[0].cancel(false);
                    if (!sink.isCancelled()) {
                        sink.complete();
                    }
                    return;
                }
                sent[0]++;
                sink.emitText(nowMicros() + " ");
            }, interval, interval, TimeUnit.MILLISECONDS);
            sink.onCancel(() -> task[0].cancel(false));
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
