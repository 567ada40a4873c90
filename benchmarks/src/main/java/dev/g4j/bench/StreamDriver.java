package dev.g4j.bench;

/** Opens streams against a replay server and reports their tokens to a {@link LoadRun}. */
interface StreamDriver extends AutoCloseable {
    /** Starts one stream to {@code baseUrl} expecting {@code tokens} tokens; returns at once. */
    void start(String baseUrl, int tokens, LoadRun run);

    @Override
    void close();
}
