package dev.g4j.provider.qwen25;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The twelve model variants offered by the Qwen 2.5 Space's model selector.
 *
 * <p>Each variant has a canonical name (what DashScope calls it, e.g. {@code qwen2.5-72b-instruct}) and the value
 * of the Space's hidden radio input that selects it (e.g. {@code 72B}); the Space lower-cases the radio value into
 * {@code qwen2.5-<value>-instruct}.
 */
public enum Qwen25Model {
    /** The default: the largest general model. */
    QWEN2_5_72B("qwen2.5-72b-instruct", "72B"),
    QWEN2_5_32B("qwen2.5-32b-instruct", "32B"),
    QWEN2_5_14B("qwen2.5-14b-instruct", "14B"),
    QWEN2_5_7B("qwen2.5-7b-instruct", "7B"),
    QWEN2_5_3B("qwen2.5-3b-instruct", "3B"),
    QWEN2_5_1_5B("qwen2.5-1.5b-instruct", "1.5B"),
    QWEN2_5_0_5B("qwen2.5-0.5b-instruct", "0.5B"),
    QWEN2_5_MATH_72B("qwen2.5-math-72b-instruct", "Math-72B"),
    QWEN2_5_MATH_7B("qwen2.5-math-7b-instruct", "Math-7B"),
    QWEN2_5_MATH_1_5B("qwen2.5-math-1.5b-instruct", "Math-1.5B"),
    QWEN2_5_CODER_7B("qwen2.5-coder-7b-instruct", "Coder-7B"),
    QWEN2_5_CODER_1_5B("qwen2.5-coder-1.5b-instruct", "Coder-1.5B");

    /** The variant used when no model is requested. */
    public static final Qwen25Model DEFAULT = QWEN2_5_72B;

    private static final List<String> NAMES = Stream.of(values()).map(Qwen25Model::modelName).toList();
    private static final Map<String, String> ALIASES = buildAliases();

    private final String modelName;
    private final String radioValue;

    Qwen25Model(String modelName, String radioValue) {
        this.modelName = modelName;
        this.radioValue = radioValue;
    }

    /** The canonical model name, e.g. {@code qwen2.5-coder-7b-instruct}. */
    public String modelName() {
        return modelName;
    }

    /** The value sent in the Space's radio input, e.g. {@code Coder-7B}. */
    public String radioValue() {
        return radioValue;
    }

    /** Every canonical name, default first, in the order of the Space's selector. */
    public static List<String> modelNames() {
        return NAMES;
    }

    /**
     * Alias to canonical name: g4f's {@code qwen-2.5} and {@code qwen-qwen2-5} (both the 72B), and for every
     * variant the short forms {@code qwen-2.5-<size>} and {@code qwen2.5-<size>} (e.g. {@code qwen-2.5-coder-7b},
     * {@code qwen2.5-math-7b}) and the radio value itself (e.g. {@code Coder-7B}; matching ignores case).
     */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** The variant with this canonical name (exact match). */
    public static Optional<Qwen25Model> byModelName(String modelName) {
        for (Qwen25Model m : values()) {
            if (m.modelName.equals(modelName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> buildAliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("qwen-2.5", DEFAULT.modelName);
        aliases.put("qwen-qwen2-5", DEFAULT.modelName);
        aliases.put("qwen2.5", DEFAULT.modelName);
        for (Qwen25Model m : values()) {
            String size = m.radioValue.toLowerCase(Locale.ROOT);
            aliases.put("qwen-2.5-" + size, m.modelName);
            aliases.put("qwen2.5-" + size, m.modelName);
            aliases.put("qwen-2.5-" + size + "-instruct", m.modelName);
            aliases.put(m.radioValue, m.modelName);
        }
        return Collections.unmodifiableMap(aliases);
    }
}
