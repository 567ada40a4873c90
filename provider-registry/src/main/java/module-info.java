/**
 * The provider registry of g4j: finds providers and provider factories through {@link java.util.ServiceLoader}
 * (on the module path and, through {@code META-INF/services}, on the class path), reads the providers file, resolves
 * model names and fails over between providers. Only {@code dev.g4j.provider.registry} is exported.
 */
module dev.g4j.provider.registry {
    requires transitive dev.g4j.provider.api;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.g4j.provider.registry;

    uses dev.g4j.provider.api.AsyncGeneratorProvider;
    uses dev.g4j.provider.api.ProviderFactory;
}
