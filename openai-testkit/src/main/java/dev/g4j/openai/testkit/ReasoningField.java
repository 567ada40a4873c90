package dev.g4j.openai.testkit;

/** Which delta field carries the model's reasoning, as servers differ (llama.cpp and DeepSeek vs Ollama and vLLM). */
public enum ReasoningField {
    /** {@code delta.reasoning_content}, as llama.cpp and DeepSeek send it. */
    REASONING_CONTENT("reasoning_content"),
    /** {@code delta.reasoning}, as Ollama, vLLM and OpenRouter send it. */
    REASONING("reasoning");

    private final String wireName;

    ReasoningField(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The JSON field name.
     *
     * @return e.g. {@code reasoning_content}
     */
    public String wireName() {
        return wireName;
    }
}
