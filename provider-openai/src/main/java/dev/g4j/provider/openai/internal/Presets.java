package dev.g4j.provider.openai.internal;

import java.util.List;
import java.util.Map;

/**
 * The built-in servers: local model servers on their usual ports (no key, open model lists) and hosted APIs
 * (enabled by their key variable). Base URLs are the ones each project documents.
 */
public final class Presets {
    private Presets() {
    }

    /**
     * One built-in server.
     *
     * @param name the provider name
     * @param label the human-readable name
     * @param baseUrl the documented base URL
     * @param apiKeyEnv the key variable, null for a local server
     * @param models well-known models, default first (empty when the server has no sensible default)
     * @param aliases short names
     * @param startAdvice how to start a local server, or null
     * @param keyPage where to get a key, for hosted ones, or null
     */
    public record Preset(String name, String label, String baseUrl, String apiKeyEnv, List<String> models,
                         Map<String, String> aliases, String startAdvice, String keyPage) {
        /**
         * Whether it runs on this machine.
         *
         * @return true for a local server
         */
        public boolean local() {
            return apiKeyEnv == null;
        }
    }

    /** Local servers, in the order they are tried. */
    public static final List<Preset> LOCAL = List.of(
            new Preset("Ollama", "Ollama (local)", "http://localhost:11434/v1", null, List.of("llama3.2"), Map.of(),
                    "Start it with `ollama serve` and pull a model with `ollama pull <model>`", null),
            new Preset("LlamaCpp", "llama.cpp server (local)", "http://localhost:8080/v1", null, List.of("default"), Map.of(),
                    "Start it with `llama-server -m <model.gguf>`", null),
            new Preset("LMStudio", "LM Studio (local)", "http://localhost:1234/v1", null, List.of(), Map.of(),
                    "Start its server in the Developer tab or with `lms server start`", null),
            new Preset("VLLM", "vLLM (local)", "http://localhost:8000/v1", null, List.of(), Map.of(),
                    "Start it with `vllm serve <model>`", null));

    /** Hosted APIs, in the order they are tried. */
    public static final List<Preset> HOSTED = List.of(
            new Preset("OpenRouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
                    List.of("openai/gpt-4o-mini", "meta-llama/llama-3.3-70b-instruct", "deepseek/deepseek-r1",
                            "qwen/qwen-2.5-72b-instruct"),
                    Map.of("gpt-4o-mini", "openai/gpt-4o-mini", "llama-3.3-70b", "meta-llama/llama-3.3-70b-instruct",
                            "deepseek-r1", "deepseek/deepseek-r1", "qwen-2.5-72b", "qwen/qwen-2.5-72b-instruct"),
                    null, "https://openrouter.ai/keys"),
            new Preset("Groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY",
                    List.of("llama-3.3-70b-versatile", "llama-3.1-8b-instant"),
                    Map.of("llama-3.3-70b", "llama-3.3-70b-versatile", "llama-3.1-8b", "llama-3.1-8b-instant"),
                    null, "https://console.groq.com/keys"),
            new Preset("DeepInfra", "DeepInfra", "https://api.deepinfra.com/v1/openai", "DEEPINFRA_API_KEY",
                    List.of("meta-llama/Llama-3.3-70B-Instruct", "deepseek-ai/DeepSeek-R1", "Qwen/Qwen2.5-72B-Instruct"),
                    Map.of("llama-3.3-70b", "meta-llama/Llama-3.3-70B-Instruct", "deepseek-r1", "deepseek-ai/DeepSeek-R1",
                            "qwen-2.5-72b", "Qwen/Qwen2.5-72B-Instruct"),
                    null, "https://deepinfra.com/dash/api_keys"),
            new Preset("Together", "Together AI", "https://api.together.xyz/v1", "TOGETHER_API_KEY",
                    List.of("meta-llama/Llama-3.3-70B-Instruct-Turbo", "deepseek-ai/DeepSeek-R1", "Qwen/Qwen2.5-72B-Instruct-Turbo"),
                    Map.of("llama-3.3-70b", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "deepseek-r1", "deepseek-ai/DeepSeek-R1",
                            "qwen-2.5-72b", "Qwen/Qwen2.5-72B-Instruct-Turbo"),
                    null, "https://api.together.ai/settings/api-keys"),
            new Preset("Mistral", "Mistral AI", "https://api.mistral.ai/v1", "MISTRAL_API_KEY",
                    List.of("mistral-large-latest", "mistral-small-latest", "codestral-latest"),
                    Map.of("mistral-large", "mistral-large-latest", "mistral-small", "mistral-small-latest",
                            "codestral", "codestral-latest"),
                    null, "https://console.mistral.ai/api-keys"),
            new Preset("OpenAI", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY",
                    List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"),
                    Map.of(),
                    null, "https://platform.openai.com/api-keys"));
}
