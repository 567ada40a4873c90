/**
 * Any Gradio chat app as a provider: {@link dev.g4j.provider.gradiochat.GradioChatSpec} describes an app,
 * {@link dev.g4j.provider.gradiochat.GradioChatProvider} runs it. The module also provides the zero-code provider
 * {@code Gradio} (the model names the app), the providers-file factory of type {@code gradio}, and the Space
 * providers {@code Qwen_Qwen_2_72B} and {@code Qwen_Qwen_3}. Only the API package is exported.
 */
module dev.g4j.provider.gradiochat {
    requires transitive dev.g4j.provider.api;
    requires transitive dev.g4j.gradio;
    requires java.net.http;

    exports dev.g4j.provider.gradiochat;

    provides dev.g4j.provider.api.AsyncGeneratorProvider with
            dev.g4j.provider.gradiochat.internal.AnyGradioAppProvider,
            dev.g4j.provider.gradiochat.spaces.Qwen2Instruct72BProvider,
            dev.g4j.provider.gradiochat.spaces.Qwen3DemoProvider;
    provides dev.g4j.provider.api.ProviderFactory with dev.g4j.provider.gradiochat.internal.GradioAppFactory;
}
