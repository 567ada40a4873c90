/**
 * The provider TCK: JUnit 5 contract tests for an {@link dev.g4j.provider.api.AsyncGeneratorProvider}. Extend
 * {@link dev.g4j.provider.tck.ProviderContract} in a test of your own and return the provider under test.
 */
package dev.g4j.provider.tck;
