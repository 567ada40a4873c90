package dev.g4j.provider.api;

/**
 * The typed generation parameters of {@link ProviderOptions}. A provider lists those it honours in
 * {@link AsyncGeneratorProvider#supportedParameters()}; the registry tells the caller, with one
 * {@link ResponseChunk.Notice}, which of the parameters set were ignored by the provider that answered.
 */
public enum GenerationParameter {
    /** Sampling temperature, 0 to 2 ({@link ProviderOptions#temperature()}). */
    TEMPERATURE("temperature"),
    /** Nucleus sampling mass, above 0 and at most 1 ({@link ProviderOptions#topP()}). */
    TOP_P("top_p"),
    /** The most tokens to generate, at least 1 ({@link ProviderOptions#maxTokens()}). */
    MAX_TOKENS("max_tokens"),
    /** Sequences that end the answer ({@link ProviderOptions#stop()}). */
    STOP("stop"),
    /** Seed for reproducible sampling ({@link ProviderOptions#seed()}). */
    SEED("seed");

    private final String wireName;

    GenerationParameter(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The parameter's name as the OpenAI Chat Completions API spells it.
     *
     * @return e.g. {@code top_p}
     */
    public String wireName() {
        return wireName;
    }
}
