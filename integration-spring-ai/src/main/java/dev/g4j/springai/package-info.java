/**
 * g4j providers inside Spring AI: {@link dev.g4j.springai.G4jChatModel} and its Spring Boot auto-configuration
 * {@link dev.g4j.springai.G4jAutoConfiguration}.
 */
package dev.g4j.springai;
