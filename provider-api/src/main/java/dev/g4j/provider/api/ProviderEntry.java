package dev.g4j.provider.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the providers file, as plain values: strings, numbers, booleans, lists and maps, as JSON has them.
 *
 * @param values the entry's keys and values, in file order
 * @param source where the entry is, for messages: the file and line, e.g. {@code /home/u/.g4j/providers.json:12}
 */
public record ProviderEntry(Map<String, Object> values, String source) {
    /**
     * Checks and copies the parts.
     *
     * @param values the values, not null
     * @param source the location, not null
     */
    public ProviderEntry {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(source, "source");
    }

    /**
     * A string value.
     *
     * @param key the key
     * @return the value, or null when absent
     * @throws IllegalArgumentException when the value is not a string
     */
    public String string(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("'" + key + "' must be a string, got " + describe(value));
    }

    /**
     * A list of strings.
     *
     * @param key the key
     * @return the strings, empty when absent
     * @throws IllegalArgumentException when the value is not a list of strings
     */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?>) {
            for (Object item : (List<?>) value) {
                if (!(item instanceof String)) {
                    throw new IllegalArgumentException("'" + key + "' must be a list of strings, found " + describe(item));
                }
            }
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) value;
            return List.copyOf(strings);
        }
        throw new IllegalArgumentException("'" + key + "' must be a list of strings, got " + describe(value));
    }

    /**
     * A map of strings to strings, such as aliases or extra headers.
     *
     * @param key the key
     * @return the map, empty when absent
     * @throws IllegalArgumentException when the value is not an object whose values are strings
     */
    public Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?>) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getValue() instanceof String)) {
                    throw new IllegalArgumentException("'" + key + "." + e.getKey() + "' must be a string, got "
                            + describe(e.getValue()));
                }
                out.put(String.valueOf(e.getKey()), (String) e.getValue());
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("'" + key + "' must be an object of strings, got " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
