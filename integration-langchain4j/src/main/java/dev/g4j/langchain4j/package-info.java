/**
 * g4j providers inside LangChain4j: {@link dev.g4j.langchain4j.G4jChatModel} and
 * {@link dev.g4j.langchain4j.G4jStreamingChatModel}.
 */
package dev.g4j.langchain4j;
