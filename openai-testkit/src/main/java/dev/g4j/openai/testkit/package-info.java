/**
 * An OpenAI-compatible server simulator ({@link dev.g4j.openai.testkit.OpenAiSimulator}) with scripted faults, for
 * tests, demos and benchmarks of OpenAI clients.
 */
package dev.g4j.openai.testkit;
