/** The LangChain4j adapter's internals: request mapping and answer collection. Not an API. */
package dev.g4j.langchain4j.internal;
