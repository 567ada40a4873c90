package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.qwen25.Qwen25Provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Streams through the public g4j path: a default {@link Qwen25Provider} (its own Vert.x, as when found by the
 * registry), {@code ProviderOptions.baseUrl} pointing at the replay server, and a {@link Flow.Subscriber} on the
 * {@code AsyncResult} that requests everything and reads the stamp of every {@link ResponseChunk.Text}.
 */
final class G4jDriver implements StreamDriver {
    private final Qwen25Provider provider = new Qwen25Provider();
    private final Map<String, ProviderOptions> options = new ConcurrentHashMap<>();
    private final Messages prompt = Messages.ofUser(ReplayScript.PROMPT);

    @Override
    public void start(String baseUrl, int tokens, LoadRun run) {
        ProviderOptions opts = options.computeIfAbsent(baseUrl, b -> ProviderOptions.builder().baseUrl(b)
                .connectTimeout(Duration.ofSeconds(30)).idleTimeout(Duration.ofSeconds(60))
                .totalTimeout(Duration.ofSeconds(300)).build());
        provider.createAsyncGenerator(provider.defaultModel(), prompt, opts).subscribe(new Consumer(tokens, run));
    }

    @Override
    public void close() {
        provider.close();
    }

    /** One stream's consumer. */
    private static final class Consumer implements Flow.Subscriber<ResponseChunk> {
        private final int expected;
        private final LoadRun run;
        private int received;

        Consumer(int expected, LoadRun run) {
            this.expected = expected;
            this.run = run;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ResponseChunk chunk) {
            if (chunk instanceof ResponseChunk.Text t) {
                String text = t.text();
                int from = 0;
                while (true) {
                    int mark = text.indexOf(ReplayScript.STAMP_MARK, from);
                    if (mark < 0) {
                        break;
                    }
                    long stamp = ReplayScript.readStamp(text, mark);
                    if (stamp != Long.MIN_VALUE) {
                        if (received++ == 0) {
                            run.started();
                        }
                        run.token(stamp);
                    }
                    from = mark + 1;
                }
            } else if (chunk instanceof ResponseChunk.TextReplaced) {
                run.finished("unexpected TextReplaced");
            }
        }

        @Override
        public void onError(Throwable throwable) {
            run.finished(String.valueOf(throwable));
        }

        @Override
        public void onComplete() {
            run.finished(received == expected ? null : "received " + received + " of " + expected + " tokens");
        }
    }
}
