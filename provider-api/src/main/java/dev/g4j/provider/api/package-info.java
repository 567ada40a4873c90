/**
 * The provider contract of g4j: {@link dev.g4j.provider.api.AsyncGeneratorProvider} turns
 * {@link dev.g4j.provider.api.Messages} into a streamed {@link dev.g4j.provider.api.AsyncResult} of
 * {@link dev.g4j.provider.api.ResponseChunk}s; {@link dev.g4j.provider.api.ProviderModelMixin} names the models a
 * provider serves; {@link dev.g4j.provider.api.ProviderOptions} carries proxy, endpoint and timeouts; every error
 * is a {@link dev.g4j.provider.api.ProviderException}. This module depends on the JDK alone.
 */
package dev.g4j.provider.api;
