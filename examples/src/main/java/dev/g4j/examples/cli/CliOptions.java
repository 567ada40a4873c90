package dev.g4j.examples.cli;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;

import java.time.Duration;

/**
 * A parsed command line. Made by {@link ArgParser}, which has already checked every value, so
 * {@link #providerOptions()} does not fail.
 *
 * @param command what to do
 * @param prompt the prompt given as arguments, or null when there is none
 * @param readStdin true when the prompt is to be read from standard input ({@code -} as PROMPT)
 * @param model the requested model or alias ({@code -m}), null for the default
 * @param provider the requested provider ({@code -p}), null to let the registry choose
 * @param system the system prompt ({@code -s}), or null
 * @param baseUrl the endpoint that replaces the provider's own ({@code --base-url}), or null
 * @param proxy the proxy URL ({@code --proxy}), or null
 * @param upstreamKeyEnv the environment variable holding the upstream API key ({@code --upstream-key-env}), or null
 * @param timeout the total time allowed for an answer ({@code --timeout}), or null for the providers' default
 * @param output how the answer is printed
 * @param demo true to chat with a local simulator ({@code --demo})
 * @param debug true for stack traces and library logs ({@code --debug})
 * @param interactive true to force the interactive chat even without a terminal (hidden {@code --interactive})
 */
public record CliOptions(
        Command command,
        String prompt,
        boolean readStdin,
        String model,
        String provider,
        String system,
        String baseUrl,
        String proxy,
        String upstreamKeyEnv,
        Duration timeout,
        OutputMode output,
        boolean demo,
        boolean debug,
        boolean interactive) {

    /**
     * The request options these settings mean; {@code baseUrl} overrides {@link #baseUrl()} (used by the demo).
     *
     * @param baseUrl the endpoint, or null for the provider's own
     * @param apiKey the upstream key read from {@link #upstreamKeyEnv()}, or null
     * @return the options
     */
    public ProviderOptions providerOptions(String baseUrl, Secret apiKey) {
        ProviderOptions.Builder b = ProviderOptions.builder().proxy(proxy).baseUrl(baseUrl);
        if (apiKey != null) {
            b.apiKey(apiKey);
        }
        if (timeout != null) {
            b.totalTimeout(timeout);
            b.idleTimeout(min(timeout, ProviderOptions.DEFAULT_IDLE_TIMEOUT));
            b.connectTimeout(min(timeout, ProviderOptions.DEFAULT_CONNECT_TIMEOUT));
        }
        return b.build();
    }

    /** The request options these settings mean. */
    public ProviderOptions providerOptions() {
        return providerOptions(baseUrl, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
