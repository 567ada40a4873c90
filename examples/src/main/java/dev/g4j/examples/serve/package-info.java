/**
 * {@code g4j serve}: the OpenAI-compatible gateway started from the command line.
 */
package dev.g4j.examples.serve;
