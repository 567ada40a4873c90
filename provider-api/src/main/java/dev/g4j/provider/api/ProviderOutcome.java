package dev.g4j.provider.api;

import java.util.Objects;

/** What a {@link ProviderFactory} made of one provider it knows: a provider, or why there is none. */
public sealed interface ProviderOutcome
        permits ProviderOutcome.Created, ProviderOutcome.Disabled, ProviderOutcome.Rejected {

    /**
     * Where a factory's provider comes from; the registry's default chain tries plain providers first, then
     * {@link #CONFIGURED}, then {@link #HOSTED}, then {@link #LOCAL} ones.
     */
    enum Origin {
        /** Made from an entry of the providers file. */
        CONFIGURED,
        /** A built-in preset for a hosted API (enabled by its key). */
        HOSTED,
        /** A built-in preset for a server on this machine (a refused connection fails over at once). */
        LOCAL
    }

    /**
     * A provider ready to use.
     *
     * @param provider the provider
     * @param origin where it comes from, for the default order
     */
    record Created(AsyncGeneratorProvider provider, Origin origin) implements ProviderOutcome {
        /**
         * Checks the parts.
         *
         * @param provider not null
         * @param origin not null
         */
        public Created {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(origin, "origin");
        }

        /**
         * A provider made from a providers-file entry.
         *
         * @param provider not null
         */
        public Created(AsyncGeneratorProvider provider) {
            this(provider, Origin.CONFIGURED);
        }
    }

    /**
     * A provider that is present but cannot work here, such as a hosted API whose key variable is not set.
     *
     * @param name the provider's name
     * @param reason why, and how to enable it, e.g. {@code set GROQ_API_KEY}
     */
    record Disabled(String name, String reason) implements ProviderOutcome {
        /**
         * Checks the parts.
         *
         * @param name not null
         * @param reason not null
         */
        public Disabled {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A configuration entry that is wrong; reported like a broken jar.
     *
     * @param name the entry's name, or a placeholder when it has none
     * @param source where the entry is (file and line)
     * @param reason what is wrong and how to fix it
     */
    record Rejected(String name, String source, String reason) implements ProviderOutcome {
        /**
         * Checks the parts.
         *
         * @param name not null
         * @param source not null
         * @param reason not null
         */
        public Rejected {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
