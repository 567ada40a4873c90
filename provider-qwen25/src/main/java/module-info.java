/** The Qwen 2.5 Space as a provider: a {@link dev.g4j.provider.gradiochat.GradioChatSpec} of its chat function. */
module dev.g4j.provider.qwen25 {
    requires transitive dev.g4j.provider.gradiochat;

    exports dev.g4j.provider.qwen25;

    provides dev.g4j.provider.api.AsyncGeneratorProvider with dev.g4j.provider.qwen25.Qwen25Provider;
}
