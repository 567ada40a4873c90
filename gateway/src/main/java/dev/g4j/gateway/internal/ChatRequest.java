package dev.g4j.gateway.internal;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;

/**
 * A checked {@code POST /v1/chat/completions} request.
 *
 * @param model the requested model, or null for the registry's default
 * @param messages the conversation
 * @param options the options for the provider, generation parameters included
 * @param stream true to answer with server-sent events
 * @param includeUsage true to end a stream with a usage chunk ({@code stream_options.include_usage})
 */
public record ChatRequest(String model, Messages messages, ProviderOptions options, boolean stream, boolean includeUsage) {
}
