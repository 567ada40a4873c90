package dev.g4j.provider.openai;

import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.openai.internal.EntryReader;
import dev.g4j.provider.openai.internal.Presets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes the OpenAI-compatible providers (entry type {@code openai}): one per providers-file entry, the hosted
 * presets ({@code OpenRouter}, {@code Groq}, {@code DeepInfra}, {@code Together}, {@code Mistral}, {@code OpenAI};
 * each enabled only when its key variable such as {@code GROQ_API_KEY} is set, else
 * {@link ProviderOutcome.Disabled} with the reason), and the local presets ({@code Ollama}, {@code LlamaCpp},
 * {@code LMStudio}, {@code VLLM}; no key, open model lists). An entry named like a preset replaces it. A bad
 * entry is {@link ProviderOutcome.Rejected} with the reason and never hides the others. Does no I/O.
 */
public final class OpenAiProviderFactory implements ProviderFactory {

    /** Creates the factory; cheap, for {@link java.util.ServiceLoader}. */
    public OpenAiProviderFactory() {
    }

    /** {@code openai}. */
    @Override
    public String type() {
        return "openai";
    }

    /**
     * Builds the configured providers, then the hosted presets, then the local ones.
     *
     * @param context the entries of type {@code openai}, the environment and the home folder
     * @return one outcome per provider
     */
    @Override
    public List<ProviderOutcome> createProviders(FactoryContext context) {
        List<ProviderOutcome> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (ProviderEntry entry : context.entries()) {
            ProviderOutcome outcome = EntryReader.read(entry, context::env);
            if (outcome instanceof ProviderOutcome.Created created) {
                String key = created.provider().name().toLowerCase(Locale.ROOT);
                if (!taken.add(key)) {
                    created.provider().close();
                    outcome = new ProviderOutcome.Rejected(created.provider().name(), entry.source(),
                            "another openai entry already has this name; give each entry its own 'name'");
                }
            }
            out.add(outcome);
        }
        for (Presets.Preset p : Presets.HOSTED) {
            if (taken.contains(p.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String key = context.env(p.apiKeyEnv());
            if (key == null) {
                out.add(new ProviderOutcome.Disabled(p.name(), "set " + p.apiKeyEnv() + " (get a key at " + p.keyPage() + ")"));
            } else {
                out.add(new ProviderOutcome.Created(preset(p, context).apiKey(Secret.of(key)).build(), ProviderOutcome.Origin.HOSTED));
            }
        }
        for (Presets.Preset p : Presets.LOCAL) {
            if (!taken.contains(p.name().toLowerCase(Locale.ROOT))) {
                out.add(new ProviderOutcome.Created(preset(p, context).build(), ProviderOutcome.Origin.LOCAL));
            }
        }
        return out;
    }

    private static OpenAiCompatibleProvider.Builder preset(Presets.Preset p, FactoryContext context) {
        return OpenAiCompatibleProvider.builder()
                .name(p.name())
                .label(p.label())
                .baseUrl(p.baseUrl())
                .apiKeyEnv(p.apiKeyEnv())
                .models(p.models())
                .aliases(p.aliases())
                .openModelList(true)
                .local(p.local())
                .startAdvice(p.startAdvice())
                .environment(context::env);
    }
}
