package dev.g4j.provider.registry;

import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;

/**
 * Which failures another provider (or a later try) might fix. A bad argument, an unknown model or provider, or a
 * programming error in the caller's request is the same everywhere, so the registry passes it on at once instead
 * of failing over and never words it as "try again".
 */
final class ErrorRule {
    private ErrorRule() {
    }

    /** True when failing over to the next candidate may help. */
    static boolean retryable(Throwable t) {
        return !(t instanceof IllegalArgumentException
                || t instanceof ModelNotFoundException
                || t instanceof ProviderNotFoundException
                || t instanceof NullPointerException
                || t instanceof ClassCastException
                || t instanceof IndexOutOfBoundsException
                || t instanceof UnsupportedOperationException
                || t instanceof ArithmeticException
                || t instanceof ArrayStoreException);
    }
}
