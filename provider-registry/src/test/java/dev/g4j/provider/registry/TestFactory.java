package dev.g4j.provider.registry;

import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOutcome;

import java.util.List;
import java.util.function.Function;

/** A programmatic factory whose outcomes the test scripts; it keeps the context it was given. */
final class TestFactory implements ProviderFactory {
    private final String type;
    private final Function<FactoryContext, List<ProviderOutcome>> body;
    volatile FactoryContext context;

    TestFactory(String type, Function<FactoryContext, List<ProviderOutcome>> body) {
        this.type = type;
        this.body = body;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<ProviderOutcome> createProviders(FactoryContext context) {
        this.context = context;
        return body.apply(context);
    }
}
