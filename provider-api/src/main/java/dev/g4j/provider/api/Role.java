package dev.g4j.provider.api;

import java.util.Locale;

/** Who wrote a {@link Message}. */
public enum Role {
    /** Instructions for the assistant, not part of the dialogue. */
    SYSTEM,
    /** The human side of the dialogue. */
    USER,
    /** The model's side of the dialogue. */
    ASSISTANT;

    /** The lower-case name used on the wire by OpenAI-style APIs: {@code system}, {@code user}, {@code assistant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a role name, ignoring case.
     *
     * @throws IllegalArgumentException for anything but system, user or assistant
     */
    public static Role parse(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.name().equalsIgnoreCase(name.strip())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("Unknown role '" + name + "': use system, user or assistant");
    }
}
