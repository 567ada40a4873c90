package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.registry.ProviderRegistry;

import java.time.Duration;

/**
 * The settings of one gateway, checked by the public builder.
 *
 * @param registry the providers
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param apiKey the key callers must send, or null for none
 * @param corsOrigin the browser origin allowed to call, or null for no CORS
 * @param bodyLimit the largest request body, in bytes
 * @param maxStreams the most chat completions answered at once
 * @param allowCallerUrls true to let callers name models that address any server
 * @param options the options every request starts from
 * @param keepAlive the longest silence on a stream before a keep-alive comment
 */
public record GatewayConfig(ProviderRegistry registry, String host, int port, Secret apiKey, String corsOrigin,
                            long bodyLimit, int maxStreams, boolean allowCallerUrls, ProviderOptions options,
                            Duration keepAlive) {
}
