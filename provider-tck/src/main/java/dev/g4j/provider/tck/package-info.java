/**
 * The provider TCK: JUnit 5 contract tests for an {@link dev.g4j.provider.api.AsyncGeneratorProvider}. Extend
 * {@link dev.g4j.provider.tck.ProviderContract} in a test of your own and return the provider under test. For a
 * provider's other tests it offers {@link dev.g4j.provider.tck.ChunkRecorder}, a recording subscriber, and loopback
 * proxies ({@link dev.g4j.provider.tck.LoopbackHttpProxy}, {@link dev.g4j.provider.tck.LoopbackSocks5Proxy}) to test
 * a proxy option.
 */
package dev.g4j.provider.tck;
