/** Providers for every server that speaks the OpenAI Chat Completions API. */
module dev.g4j.provider.openai {
    requires dev.g4j.provider.api;
    requires dev.g4j.sse;
    requires io.vertx.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.g4j.provider.openai;

    provides dev.g4j.provider.api.ProviderFactory with dev.g4j.provider.openai.OpenAiProviderFactory;
}
