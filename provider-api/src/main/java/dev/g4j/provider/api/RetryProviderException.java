package dev.g4j.provider.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every candidate provider failed before sending any text. Each attempt's error is attached with
 * {@link #addSuppressed(Throwable)}, and the message names every provider and its error.
 */
public class RetryProviderException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public RetryProviderException(String message) {
        super(message);
    }

    public RetryProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds the exception for a list of failed attempts, in the order they were made.
     *
     * @param model the model that was requested, or null or blank for the default chain
     * @param failures provider name to the error it raised, in attempt order
     * @return the exception, with every failure attached as suppressed
     */
    public static RetryProviderException of(String model, List<Map.Entry<String, Throwable>> failures) {
        String detail = failures.stream()
                .map(e -> e.getKey() + ": " + e.getValue().getClass().getSimpleName() + ": " + e.getValue().getMessage())
                .collect(Collectors.joining("; "));
        String what = model == null || model.isBlank() ? "of the default chain" : "for model '" + model + "'";
        RetryProviderException ex = new RetryProviderException("All " + failures.size() + " providers " + what
                + " failed (" + detail + "). Try again later, or pin another provider with 'Provider:model'.");
        failures.forEach(e -> ex.addSuppressed(e.getValue()));
        return ex;
    }
}
