package dev.g4j.examples.cli;

/** How an answer is written to standard output. */
public enum OutputMode {
    /** The text as it arrives, flushed chunk by chunk (the default). */
    STREAM,
    /** Only the final text, once the answer is complete ({@code --no-stream}). */
    FINAL,
    /** One JSON object per chunk, one per line ({@code --json}). */
    JSON
}
