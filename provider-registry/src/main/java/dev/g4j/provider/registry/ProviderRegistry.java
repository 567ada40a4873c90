package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderOptions;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The providers a host application can use, found through {@link java.util.ServiceLoader} and/or passed in, with
 * model resolution and failover across them.
 *
 * <pre>{@code
 * try (ProviderRegistry registry = ProviderRegistry.load()) {
 *     registry.failures().forEach(f -> System.err.println(f.describe()));
 *     String answer = registry.create("qwen-2.5", Messages.ofUser("Hi")).text().join();
 * }
 * }</pre>
 *
 * <p><b>Discovery.</b> Every class loader is read with {@code ServiceLoader.iterator()} and one try/catch per
 * entry: a broken jar (missing class, constructor or static initialiser that throws, class that is not a
 * provider) is logged at WARNING, listed in {@link #failures()}, and never hides the other providers. A provider
 * class seen through several class loaders is kept once. When two providers share a name (ignoring case), the
 * first one found is used and the other is listed in {@link #duplicates()}.
 *
 * <p><b>Order.</b> {@link #providers()} lists the providers passed to the {@link Builder} first, then the
 * discovered ones in discovery order.
 *
 * <p><b>Models.</b> A model string is a model name or alias served by one or more providers (compared ignoring
 * case), or {@code Provider:model} to pin one provider (an empty model part means that provider's default), or
 * null/blank for the default model of the first working provider. Providers that do not implement
 * {@link ProviderModelMixin} serve no model by name; they can still be pinned.
 *
 * <p><b>Ownership.</b> {@link #close()} closes only the providers the registry created through ServiceLoader; the
 * instances the host passed to {@link Builder#add(AsyncGeneratorProvider)} stay the host's to close.
 *
 * <p>A registry is immutable after it is built and safe to use from several threads.
 */
public final class ProviderRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private final List<RegisteredProvider> entries;
    private final Map<String, RegisteredProvider> byName;
    private final Map<AsyncGeneratorProvider, RegisteredProvider> byInstance;
    private final List<ProviderLoadFailure> failures;
    private final List<DuplicateProvider> duplicates;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderRegistry(List<RegisteredProvider> entries, List<ProviderLoadFailure> failures, List<DuplicateProvider> duplicates) {
        this.entries = List.copyOf(entries);
        this.failures = List.copyOf(failures);
        this.duplicates = List.copyOf(duplicates);
        Map<String, RegisteredProvider> names = new LinkedHashMap<>();
        Map<AsyncGeneratorProvider, RegisteredProvider> instances = new IdentityHashMap<>();
        for (RegisteredProvider entry : this.entries) {
            names.put(key(entry.name()), entry);
            instances.put(entry.provider(), entry);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byInstance = Collections.synchronizedMap(instances);
    }

    /**
     * Discovers the providers visible to the registry's own class loader, then those visible to the thread context
     * class loader (when it is another one); the same class from the same loader is kept once.
     */
    public static ProviderRegistry load() {
        return builder().build();
    }

    /** Discovers the providers visible to {@code loader} only. */
    public static ProviderRegistry load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return builder().useDefaultClassLoaders(false).addClassLoader(loader).build();
    }

    /** A builder for a registry with programmatic providers, extra class loaders or excluded names. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every usable provider: the programmatic ones first, then the discovered ones in discovery order. */
    public List<AsyncGeneratorProvider> providers() {
        return entries.stream().map(RegisteredProvider::provider).collect(Collectors.toUnmodifiableList());
    }

    /** The provider with this name, ignoring case. */
    public Optional<AsyncGeneratorProvider> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(key(name))).map(RegisteredProvider::provider);
    }

    /**
     * The provider with this name, ignoring case.
     *
     * @throws ProviderNotFoundException naming the known providers and the closest name
     */
    public AsyncGeneratorProvider provider(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** The service entries that could not be loaded, in the order they were met. */
    public List<ProviderLoadFailure> failures() {
        return failures;
    }

    /** The providers ignored because an earlier one had the same name. */
    public List<DuplicateProvider> duplicates() {
        return duplicates;
    }

    /** Every canonical model name and alias served by some provider, sorted and without repeats. */
    public List<String> models() {
        Set<String> names = new TreeSet<>();
        for (RegisteredProvider entry : entries) {
            names.addAll(servedNames(entry.provider()));
        }
        return List.copyOf(names);
    }

    /**
     * Every provider serving {@code model} as a canonical name or alias (ignoring case): the working ones first,
     * then the others, each group in {@link #providers()} order. Empty for an unknown or blank name.
     */
    public List<AsyncGeneratorProvider> providersFor(String model) {
        if (model == null || model.isBlank()) {
            return List.of();
        }
        String wanted = model.strip();
        List<AsyncGeneratorProvider> result = new ArrayList<>();
        for (RegisteredProvider entry : entries) {
            if (serves(entry.provider(), wanted)) {
                result.add(entry.provider());
            }
        }
        result.sort(Comparator.comparing(p -> !safeWorking(p)));
        return List.copyOf(result);
    }

    /**
     * Where a provider came from: the jar or directory it was loaded from, or {@code "programmatic"} for an
     * instance passed to the builder.
     *
     * @throws IllegalArgumentException when the provider is not in this registry
     */
    public String sourceOf(AsyncGeneratorProvider provider) {
        RegisteredProvider entry = provider == null ? null : byInstance.get(provider);
        if (entry == null) {
            throw new IllegalArgumentException("Provider " + provider + " is not registered in this registry");
        }
        return entry.source();
    }

    /**
     * A provider that serves {@code model} by trying every candidate in turn (g4f's RetryProvider rule): it
     * emits {@link dev.g4j.provider.api.ResponseChunk.ProviderInfo} when an attempt starts, moves on to the next
     * candidate only while the failing attempt sent no text, passes an error on once text has flowed, and fails
     * with {@link dev.g4j.provider.api.RetryProviderException} (every cause suppressed) when all fail.
     * Back-pressure and cancellation reach the active attempt. The returned provider owns nothing.
     *
     * @param model a model or alias, {@code Provider:model}, {@code Provider:} for that provider's default, or
     *              null/blank for the default model of the first working provider
     * @throws ModelNotFoundException when no provider serves the model, or a pinned provider is unknown (the
     *         message suggests names)
     * @throws ProviderNotFoundException when no provider is registered at all
     * @throws IllegalStateException when the registry is closed
     */
    public AsyncGeneratorProvider forModel(String model) {
        if (closed.get()) {
            throw new IllegalStateException("The provider registry is closed");
        }
        return new FailoverProvider(model == null ? null : model.strip(), candidatesFor(model), this::forModel);
    }

    /** {@code forModel(model).createAsyncGenerator(model, messages, ProviderOptions.defaults())}. */
    public AsyncResult create(String model, Messages messages) {
        return create(model, messages, ProviderOptions.defaults());
    }

    /** {@code forModel(model).createAsyncGenerator(model, messages, options)}: the one-line entry for hosts. */
    public AsyncResult create(String model, Messages messages, ProviderOptions options) {
        return forModel(model).createAsyncGenerator(model, messages, options);
    }

    /**
     * Closes every provider the registry created through ServiceLoader (not the ones passed to the builder),
     * logging and swallowing close failures. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (RegisteredProvider entry : entries) {
            if (entry.owned()) {
                ServiceDiscovery.closeQuietly(entry.provider());
            }
        }
    }

    @Override
    public String toString() {
        return "ProviderRegistry" + entries.stream().map(RegisteredProvider::name).collect(Collectors.toList())
                + (failures.isEmpty() ? "" : " with " + failures.size() + " load failure(s)");
    }

    // ---- resolution -------------------------------------------------------------------------------------------

    private List<Candidate> candidatesFor(String model) {
        if (entries.isEmpty()) {
            throw new ProviderNotFoundException("No provider is registered: put a provider jar on the class path"
                    + (failures.isEmpty() ? "" : " (" + failures.size() + " failed to load: "
                    + failures.stream().map(ProviderLoadFailure::describe).collect(Collectors.joining("; ")) + ")"));
        }
        if (model == null || model.isBlank()) {
            return candidatesForDefault();
        }
        String wanted = model.strip();
        List<AsyncGeneratorProvider> serving = providersFor(wanted);
        if (serving.isEmpty()) {
            int colon = wanted.indexOf(':');
            if (colon >= 0) {
                return pinned(wanted.substring(0, colon).strip(), wanted.substring(colon + 1).strip(), wanted);
            }
            throw new ModelNotFoundException(ModelNames.notFoundMessage(wanted,
                    "any registered provider (" + String.join(", ", names()) + ")", models()));
        }
        List<Candidate> candidates = new ArrayList<>();
        for (AsyncGeneratorProvider p : serving) {
            candidates.add(new Candidate(p, nameOf(p), canonical(p, wanted)));
        }
        return candidates;
    }

    private List<Candidate> candidatesForDefault() {
        RegisteredProvider first = entries.stream().filter(e -> safeWorking(e.provider())).findFirst().orElse(entries.get(0));
        AsyncGeneratorProvider p = first.provider();
        if (p instanceof ProviderModelMixin) {
            String defaultModel = ((ProviderModelMixin) p).defaultModel();
            if (defaultModel != null && !defaultModel.isBlank()) {
                List<Candidate> candidates = new ArrayList<>();
                candidates.add(new Candidate(p, first.name(), defaultModel));
                for (AsyncGeneratorProvider other : providersFor(defaultModel)) {
                    if (other != p) {
                        candidates.add(new Candidate(other, nameOf(other), canonical(other, defaultModel)));
                    }
                }
                return candidates;
            }
        }
        return List.of(new Candidate(p, first.name(), null));
    }

    private List<Candidate> pinned(String providerName, String modelPart, String whole) {
        RegisteredProvider entry = byName.get(key(providerName));
        if (entry == null) {
            throw new ModelNotFoundException(ModelNames.notFoundMessage(whole,
                    "any registered provider (" + String.join(", ", names()) + ")", models())
                    + " As 'Provider:model': " + notFound(providerName).getMessage());
        }
        AsyncGeneratorProvider p = entry.provider();
        String model = modelPart.isEmpty() ? null : modelPart;
        if (p instanceof ProviderModelMixin) {
            model = ((ProviderModelMixin) p).getModel(model);
        }
        return List.of(new Candidate(p, entry.name(), model));
    }

    private static String canonical(AsyncGeneratorProvider p, String wanted) {
        if (p instanceof ProviderModelMixin) {
            try {
                return ((ProviderModelMixin) p).getModel(wanted);
            } catch (RuntimeException e) {
                return wanted;
            }
        }
        return wanted;
    }

    private String nameOf(AsyncGeneratorProvider p) {
        RegisteredProvider entry = byInstance.get(p);
        return entry == null ? String.valueOf(p.name()) : entry.name();
    }

    private List<String> names() {
        return entries.stream().map(RegisteredProvider::name).collect(Collectors.toList());
    }

    private ProviderNotFoundException notFound(String name) {
        List<String> known = names();
        StringBuilder sb = new StringBuilder("No provider named '").append(name).append("'.");
        ModelNames.closest(name, known).ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
        sb.append(known.isEmpty() ? " No provider is registered." : " Known providers: " + String.join(", ", known) + ".");
        return new ProviderNotFoundException(sb.toString());
    }

    private static boolean serves(AsyncGeneratorProvider p, String wanted) {
        for (String served : servedNames(p)) {
            if (served.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Canonical names, the default and the aliases of a provider; empty when it names none or fails to say. */
    private static Set<String> servedNames(AsyncGeneratorProvider p) {
        if (!(p instanceof ProviderModelMixin)) {
            return Set.of();
        }
        ProviderModelMixin m = (ProviderModelMixin) p;
        Set<String> names = new LinkedHashSet<>();
        try {
            if (m.defaultModel() != null) {
                names.add(m.defaultModel());
            }
            names.addAll(m.models());
            names.addAll(m.modelAliases().keySet());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Provider " + p.getClass().getName() + " failed to list its models", e);
        }
        names.removeIf(n -> n == null || n.isBlank());
        return names;
    }

    private static boolean safeWorking(AsyncGeneratorProvider p) {
        try {
            return p.working();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    // ---- builder ----------------------------------------------------------------------------------------------

    /**
     * Builds a {@link ProviderRegistry}. By default it discovers through the registry's class loader and the thread
     * context class loader; programmatic providers come first in every list.
     */
    public static final class Builder {
        private final List<AsyncGeneratorProvider> instances = new ArrayList<>();
        private final List<ClassLoader> loaders = new ArrayList<>();
        private final Set<String> excluded = new LinkedHashSet<>();
        private boolean useDefaultClassLoaders = true;

        private Builder() {
        }

        /**
         * Adds a provider instance, for example one built around the host's own Vert.x. It comes before the
         * discovered providers; the registry never closes it.
         */
        public Builder add(AsyncGeneratorProvider provider) {
            instances.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Also discovers the providers visible to {@code loader}, for example a {@code URLClassLoader} over plug-in jars. */
        public Builder addClassLoader(ClassLoader loader) {
            loaders.add(Objects.requireNonNull(loader, "loader"));
            return this;
        }

        /**
         * Whether to discover through the registry's own class loader and the thread context class loader
         * (before the added ones). True by default; false to see only added loaders and instances.
         */
        public Builder useDefaultClassLoaders(boolean use) {
            this.useDefaultClassLoaders = use;
            return this;
        }

        /** Leaves out the providers with these names (ignoring case), whether discovered or added. */
        public Builder exclude(String... names) {
            for (String name : names) {
                if (name != null && !name.isBlank()) {
                    excluded.add(key(name));
                }
            }
            return this;
        }

        /** Loads the providers. Never throws for a broken provider: see {@link ProviderRegistry#failures()}. */
        public ProviderRegistry build() {
            List<ClassLoader> all = new ArrayList<>();
            if (useDefaultClassLoaders) {
                all.add(ProviderRegistry.class.getClassLoader());
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context != null) {
                    all.add(context);
                }
            }
            all.addAll(loaders);
            ServiceDiscovery discovery = new ServiceDiscovery();
            Set<ClassLoader> done = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ClassLoader loader : all) {
                if (loader != null && done.add(loader)) {
                    discovery.discover(loader);
                }
            }

            List<RegisteredProvider> entries = new ArrayList<>();
            List<DuplicateProvider> duplicates = new ArrayList<>();
            Map<String, RegisteredProvider> seen = new LinkedHashMap<>();
            Set<AsyncGeneratorProvider> seenInstances = Collections.newSetFromMap(new IdentityHashMap<>());
            for (AsyncGeneratorProvider p : instances) {
                if (seenInstances.add(p)) {
                    register(p, ProviderSources.PROGRAMMATIC, false, entries, duplicates, seen, discovery);
                }
            }
            for (ServiceDiscovery.Found found : discovery.found()) {
                register(found.provider(), found.source(), true, entries, duplicates, seen, discovery);
            }
            return new ProviderRegistry(entries, discovery.failures(), duplicates);
        }

        private void register(AsyncGeneratorProvider p, String source, boolean owned, List<RegisteredProvider> entries,
                              List<DuplicateProvider> duplicates, Map<String, RegisteredProvider> seen,
                              ServiceDiscovery discovery) {
            String name;
            try {
                name = p.name();
                if (name == null || name.isBlank()) {
                    throw new IllegalStateException("name() returned " + (name == null ? "null" : "a blank name"));
                }
                name = name.strip();
            } catch (RuntimeException | LinkageError e) {
                discovery.failAfterLoad(p, source, e);
                if (owned) {
                    ServiceDiscovery.closeQuietly(p);
                }
                return;
            }
            if (excluded.contains(key(name))) {
                if (owned) {
                    ServiceDiscovery.closeQuietly(p);
                }
                return;
            }
            RegisteredProvider entry = new RegisteredProvider(p, name, source, owned);
            RegisteredProvider first = seen.putIfAbsent(key(name), entry);
            if (first != null) {
                DuplicateProvider dup = new DuplicateProvider(name, first.provider().getClass().getName(), first.source(),
                        p.getClass().getName(), source);
                duplicates.add(dup);
                LOG.log(Level.WARNING, dup.describe());
                if (owned) {
                    ServiceDiscovery.closeQuietly(p);
                }
                return;
            }
            entries.add(entry);
        }
    }
}
