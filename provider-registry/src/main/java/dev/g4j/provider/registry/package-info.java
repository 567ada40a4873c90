/**
 * Finds chat-completion providers on the class path (and in jars added at run time) through
 * {@link java.util.ServiceLoader}, isolates broken ones, resolves model names across providers and fails over
 * between them: see {@link dev.g4j.provider.registry.ProviderRegistry}.
 */
package dev.g4j.provider.registry;
