package dev.g4j.provider.api;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential (API key, bearer token) that never shows itself: {@link #toString()} prints {@code ***}, so a
 * secret that ends up in a log line, an exception message or a {@code toString} of options stays hidden. Only
 * {@link #reveal()} gives the value, for the one place that sends it upstream.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential.
     *
     * @param value the credential, not blank; surrounding white space is removed
     * @return the secret
     * @throws IllegalArgumentException when {@code value} is null or blank
     */
    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A secret must not be null or blank");
        }
        return new Secret(value.strip());
    }

    /**
     * The credential itself. Send it upstream; never print or log it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /** Compares in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(Secret.class);
    }

    /** Always {@code ***}. */
    @Override
    public String toString() {
        return "***";
    }
}
