/**
 * Finds chat-completion providers and provider factories through {@link java.util.ServiceLoader} (and in jars
 * added at run time), reads the providers file, isolates broken entries, resolves model names across providers,
 * enforces timeouts and fails over between them: see {@link dev.g4j.provider.registry.ProviderRegistry} and
 * {@code docs/registry.md}.
 */
package dev.g4j.provider.registry;
