/**
 * Building blocks for provider authors who produce a {@link java.util.concurrent.Flow.Publisher}: a demand-aware
 * emitter and a single-use guard.
 */
package dev.g4j.provider.api.flow;
