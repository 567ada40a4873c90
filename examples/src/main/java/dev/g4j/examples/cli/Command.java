package dev.g4j.examples.cli;

/** What one run of {@code g4j} does. */
public enum Command {
    /** Answer a prompt, or chat interactively. */
    CHAT,
    LIST_PROVIDERS,
    LIST_MODELS,
    HELP,
    VERSION
}
