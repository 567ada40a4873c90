package dev.g4j.examples;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderNotWorkingException;
import dev.g4j.provider.api.ProviderTimeoutException;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.RetryProviderException;
import dev.g4j.provider.api.UpstreamConnectionException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.concurrent.CompletionException;

/**
 * What a host does with each kind of failure. Every error is a {@link ProviderException}; the subclasses say
 * what went wrong and so what to do about it.
 *
 * <pre>{@code java -cp g4j.jar dev.g4j.examples.ErrorHandlingExample [--base-url URL] [MODEL]}</pre>
 */
public final class ErrorHandlingExample {

    private ErrorHandlingExample() {
    }

    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(args, "qwen-2.5");
        System.out.println(run(a.prompt(), a));
    }

    /** Asks {@code model} and returns the answer, or what the host would tell its user instead. */
    public static String run(String model, ExampleArgs args) {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            return registry.create(model, Messages.ofUser("Hello"), args.options()).text().join();
        } catch (CompletionException e) {
            return describe(e.getCause());
        } catch (ProviderException e) {
            // Unknown names fail at once, before anything is sent.
            return describe(e);
        }
    }

    /** The advice for each failure, most specific type first (several extend others). */
    public static String describe(Throwable error) {
        if (error instanceof RetryProviderException e) {
            // The registry tries every provider serving the model; each attempt's error is attached.
            Throwable[] attempts = e.getSuppressed();
            return attempts.length == 1 ? describe(attempts[0])
                    : "Every provider failed (" + attempts.length + " attempts): " + e.getMessage();
        } else if (error instanceof ModelNotFoundException e) {
            return "Unknown model; the message lists the valid names: " + e.getMessage();
        } else if (error instanceof ProviderNotFoundException e) {
            return "No such provider, or none on the class path: " + e.getMessage();
        } else if (error instanceof ProviderNotWorkingException e) {
            return "The provider is out of order; pick another: " + e.getMessage();
        } else if (error instanceof ProviderTimeoutException e) {
            return "Too slow (" + e.kind() + " limit " + e.limit() + "); raise the timeout or retry: " + e.getMessage();
        } else if (error instanceof UpstreamConnectionException e) {
            return "Cannot reach the service; check the network or set a proxy: " + e.getMessage();
        } else if (error instanceof RateLimitException e) {
            return "Rate-limited or queue full; retry later: " + e.getMessage();
        } else if (error instanceof ResponseStatusException e) {
            return "HTTP " + e.status() + " from the service: " + e.getMessage();
        } else if (error instanceof RemoteProcessException e) {
            return "The service failed while answering: " + e.getMessage();
        } else if (error instanceof UpstreamProtocolException e) {
            return "The service answered something unreadable (report it): " + e.getMessage();
        } else if (error instanceof ProviderException e) {
            return "Provider error: " + e.getMessage();
        }
        return "Unexpected error: " + error;
    }
}
