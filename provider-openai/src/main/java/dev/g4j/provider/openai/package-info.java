/**
 * Providers for OpenAI-compatible servers: {@link dev.g4j.provider.openai.OpenAiCompatibleProvider} for one server,
 * {@link dev.g4j.provider.openai.OpenAiProviderFactory} for the presets and the providers-file entries of type
 * {@code openai}.
 */
package dev.g4j.provider.openai;
