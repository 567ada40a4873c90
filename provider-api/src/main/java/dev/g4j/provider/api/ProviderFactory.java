package dev.g4j.provider.api;

import java.util.List;

/**
 * Contributes several providers built from configuration: one per OpenAI-compatible server, one per configured
 * Gradio app, and built-in presets. Found by {@link java.util.ServiceLoader} like {@link AsyncGeneratorProvider}
 * (list the class in {@code META-INF/services/dev.g4j.provider.api.ProviderFactory}; it needs a public no-argument
 * constructor that is cheap and does no I/O).
 *
 * <p>The registry reads the providers file ({@code G4J_PROVIDERS} if set, else {@code providers.json} in the
 * {@linkplain G4jHome g4j home}), a JSON object {@code {"providers": [ ... ]}} whose entries each have a
 * {@code type}; it hands each factory the entries of its {@link #type()}, with the environment.
 */
public interface ProviderFactory {

    /**
     * The {@code type} of the providers-file entries this factory reads, e.g. {@code openai} or {@code gradio}.
     *
     * @return the entry type, lower case
     */
    String type();

    /**
     * Builds the providers: the factory's built-in ones and one per entry. Does no I/O. A bad entry becomes a
     * {@link ProviderOutcome.Rejected} and never hides the others; a provider that cannot work here (a key
     * variable not set) becomes a {@link ProviderOutcome.Disabled} with the reason.
     *
     * @param context the entries of this factory's type, the environment and the g4j home
     * @return one outcome per provider, in the order the registry should list them
     */
    List<ProviderOutcome> createProviders(FactoryContext context);
}
