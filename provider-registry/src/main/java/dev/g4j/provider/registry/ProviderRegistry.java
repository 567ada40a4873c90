package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.G4jHome;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderOutcome;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
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
 * <p><b>Discovery.</b> Two service types are loaded: {@link AsyncGeneratorProvider} (one provider per class) and
 * {@link ProviderFactory} (several providers built from configuration). Every class loader is read with
 * {@code ServiceLoader.iterator()} and one try/catch per entry: a broken jar (missing class, constructor or static
 * initialiser that throws, class that is not of the service type) is logged at WARNING, listed in
 * {@link #failures()}, and never hides the others. A class seen through several class loaders is kept once. When
 * two providers share a name (ignoring case), or two factories a type, the first one found is used and the other is
 * listed in {@link #duplicates()}.
 *
 * <p><b>Providers file.</b> The registry reads {@code G4J_PROVIDERS} if set, else {@code providers.json} in the
 * {@linkplain G4jHome g4j home}: {@code {"providers": [{"name": ..., "type": ..., ...}]}}. Each factory gets the
 * entries of its {@link ProviderFactory#type()} (with the file and line of each) and the environment. A malformed
 * file, an entry without a {@code type} or with a type no factory reads, a factory that throws and every
 * {@link ProviderOutcome.Rejected} outcome are listed in {@link #failures()} with the file and line; providers
 * that are present but cannot work here are listed in {@link #disabled()}.
 *
 * <p><b>Order.</b> {@link #providers()} lists the providers passed to the {@link Builder} first, then the
 * discovered ones in discovery order, then the ones factories made, factory by factory.
 *
 * <p><b>Models.</b> A model string is, in this order of precedence:
 * <ol>
 * <li>null or blank: the {@linkplain #defaultChain() default chain};</li>
 * <li>a model name or alias listed by one or more providers (compared ignoring case; names such as
 * {@code qwen2.5:7b} may contain colons);</li>
 * <li>{@code Provider:model}, split at the first colon when the part before it names a provider: that provider
 * alone, with the rest as its model (empty for its default). A provider whose model list is open
 * ({@link ProviderModelMixin#acceptsUnlistedModels()}) gets unlisted names as they are; others reject them with
 * {@link dev.g4j.provider.api.ModelNotFoundException}. An unknown provider part is a
 * {@link ProviderNotFoundException} naming the known providers and the closest one.</li>
 * </ol>
 * Providers that do not implement {@link ProviderModelMixin} serve no model by name; they can still be pinned.
 *
 * <p><b>Default chain.</b> Without a model the registry tries each working provider's default model, like g4f's
 * AnyProvider: first the plain providers (passed to the builder, then found by ServiceLoader, in discovery order),
 * then the factories' providers with origin {@link ProviderOutcome.Origin#CONFIGURED CONFIGURED}, then
 * {@link ProviderOutcome.Origin#HOSTED HOSTED}, then {@link ProviderOutcome.Origin#LOCAL LOCAL}. An explicit order
 * ({@link Builder#providerOrder(List)}, else the variable {@value #PROVIDER_ORDER_VARIABLE}, comma-separated)
 * puts the named providers first, working or not; unknown names are listed in {@link #failures()}.
 *
 * <p><b>Failover and errors.</b> Candidates are tried in order, moving on only while no text has been sent. A
 * single candidate's failure is passed on as it is; {@link dev.g4j.provider.api.RetryProviderException} (with
 * every cause suppressed) only when two or more were tried. Errors that retrying cannot fix (a bad argument, an
 * unknown model or provider, a programming error such as a {@code NullPointerException}) are never retried; an
 * {@code IllegalArgumentException} from the first candidate's {@code createAsyncGenerator} is thrown by
 * {@link #create(String, Messages, ProviderOptions)} itself.
 *
 * <p><b>Timeouts and parameters.</b> For every provider the registry enforces
 * {@link ProviderOptions#idleTimeout()} (no chunk of any kind while demand is pending; left to providers whose
 * {@code enforcesIdleTimeout()} is true, which count heartbeats too) and
 * {@link ProviderOptions#totalTimeout()} (the whole call, failover included, from subscription): the attempt is
 * cancelled and the call fails with {@link dev.g4j.provider.api.ProviderTimeoutException}. Each attempt that
 * ignores some of the typed generation parameters set in the options is preceded by one
 * {@link dev.g4j.provider.api.ResponseChunk.Notice} of level {@code warning} naming them.
 *
 * <p><b>Ownership.</b> {@link #close()} closes only the providers the registry created (through ServiceLoader or a
 * factory); the instances the host passed to {@link Builder#add(AsyncGeneratorProvider)} stay the host's to close.
 *
 * <p>A registry is immutable after it is built and safe to use from several threads.
 */
public final class ProviderRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    /** The environment variable naming the providers file; {@code providers.json} in the g4j home when unset. */
    public static final String PROVIDERS_FILE_VARIABLE = "G4J_PROVIDERS";
    /** The environment variable with the default chain's order: provider names separated by commas. */
    public static final String PROVIDER_ORDER_VARIABLE = "G4J_PROVIDER_ORDER";
    /** The providers file's name in the g4j home. */
    public static final String PROVIDERS_FILE_NAME = "providers.json";

    private final List<RegisteredProvider> entries;
    private final List<RegisteredProvider> defaultOrder;
    private final List<String> providerOrder;
    private final Map<String, RegisteredProvider> byName;
    private final Map<AsyncGeneratorProvider, RegisteredProvider> byInstance;
    private final List<ProviderLoadFailure> failures;
    private final List<DuplicateProvider> duplicates;
    private final List<ProviderOutcome.Disabled> disabled;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderRegistry(List<RegisteredProvider> entries, List<ProviderLoadFailure> failures,
                             List<DuplicateProvider> duplicates, List<ProviderOutcome.Disabled> disabled,
                             List<String> providerOrder) {
        this.entries = List.copyOf(entries);
        this.failures = List.copyOf(failures);
        this.duplicates = List.copyOf(duplicates);
        this.disabled = List.copyOf(disabled);
        this.providerOrder = List.copyOf(providerOrder);
        List<RegisteredProvider> ordered = new ArrayList<>(this.entries);
        ordered.sort(Comparator.comparingInt(RegisteredProvider::rank));
        this.defaultOrder = List.copyOf(ordered);
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
     * class loader (when it is another one); the same class from the same loader is kept once. Reads the providers
     * file and the environment of this process.
     *
     * @return the registry; broken providers are listed in {@link #failures()}
     */
    public static ProviderRegistry load() {
        return builder().build();
    }

    /**
     * Discovers the providers visible to {@code loader} only.
     *
     * @param loader the class loader to read
     * @return the registry; broken providers are listed in {@link #failures()}
     */
    public static ProviderRegistry load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return builder().useDefaultClassLoaders(false).addClassLoader(loader).build();
    }

    /**
     * A builder for a registry with programmatic providers and factories, extra class loaders, excluded names, an
     * injected environment, home or providers file, or an explicit default order.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every usable provider: the programmatic ones first, then the discovered ones in discovery order, then the
     * ones factories made.
     *
     * @return the providers
     */
    public List<AsyncGeneratorProvider> providers() {
        return entries.stream().map(RegisteredProvider::provider).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The provider with this name, ignoring case.
     *
     * @param name the provider's name
     * @return the provider, or empty when there is none (or the name is null or blank)
     */
    public Optional<AsyncGeneratorProvider> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(key(name))).map(RegisteredProvider::provider);
    }

    /**
     * The provider with this name, ignoring case.
     *
     * @param name the provider's name
     * @return the provider
     * @throws ProviderNotFoundException naming the known providers and the closest name
     */
    public AsyncGeneratorProvider provider(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /**
     * What could not be loaded, in the order it was met: service entries of both types, providers-file entries
     * (the file and line as source), factories that threw, rejected entries and unknown names in the explicit
     * default order.
     *
     * @return the failures
     */
    public List<ProviderLoadFailure> failures() {
        return failures;
    }

    /**
     * The providers ignored because an earlier one had the same name, and the provider factories ignored because
     * an earlier one had the same type.
     *
     * @return the duplicates, in the order they were met
     */
    public List<DuplicateProvider> duplicates() {
        return duplicates;
    }

    /**
     * The providers that factories know but that cannot work here, each with the reason and how to enable it
     * (such as a key variable that is not set), in the order the factories listed them.
     *
     * @return the disabled providers
     */
    public List<ProviderOutcome.Disabled> disabled() {
        return disabled;
    }

    /**
     * The providers tried, in this order, for a request without a model, each with its default model; see the
     * class documentation for the order. Working providers only, unless named in the explicit order.
     *
     * @return the chain; empty when no provider is working and none is named in the explicit order
     */
    public List<AsyncGeneratorProvider> defaultChain() {
        List<RegisteredProvider> chain = new ArrayList<>();
        for (String name : providerOrder) {
            RegisteredProvider entry = byName.get(key(name));
            if (entry != null && !chain.contains(entry)) {
                chain.add(entry);
            }
        }
        for (RegisteredProvider entry : defaultOrder) {
            if (!chain.contains(entry) && safeWorking(entry.provider())) {
                chain.add(entry);
            }
        }
        return chain.stream().map(RegisteredProvider::provider).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Every canonical model name and alias listed by some provider, sorted and without repeats.
     *
     * @return the names
     */
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
     *
     * @param model a model name or alias
     * @return the providers listing it
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
     * instance passed to the builder; for a factory's provider, the factory's jar and type.
     *
     * @param provider a provider of this registry
     * @return the source
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
     * candidate only while the failing attempt sent no text, passes an error on once text has flowed, and follows
     * the error rule of the class documentation (a single candidate's error as it is; a
     * {@link dev.g4j.provider.api.RetryProviderException} when two or more failed). It enforces the options'
     * timeouts. Back-pressure and cancellation reach the active attempt. The returned provider owns nothing.
     *
     * @param model a model or alias, {@code Provider:model}, {@code Provider:} for that provider's default, or
     *              null/blank for the {@linkplain #defaultChain() default chain}
     * @return the failover provider
     * @throws ModelNotFoundException when no provider serves the model (the message suggests names)
     * @throws ProviderNotFoundException when the provider part of {@code Provider:model} names no provider (and
     *         the whole string is no model either), or no provider is registered at all
     * @throws IllegalStateException when the registry is closed
     */
    public AsyncGeneratorProvider forModel(String model) {
        if (closed.get()) {
            throw new IllegalStateException("The provider registry is closed");
        }
        return new FailoverProvider(model == null ? null : model.strip(), candidatesFor(model), this::forModel);
    }

    /**
     * {@code forModel(model).createAsyncGenerator(model, messages, ProviderOptions.defaults())}.
     *
     * @param model see {@link #forModel(String)}
     * @param messages the conversation
     * @return the streamed answer, cold and single-use
     * @throws IllegalArgumentException when the messages cannot be sent (from the first candidate)
     * @throws ModelNotFoundException when no provider serves the model
     * @throws ProviderNotFoundException when a pinned provider is unknown, or none is registered
     */
    public AsyncResult create(String model, Messages messages) {
        return create(model, messages, ProviderOptions.defaults());
    }

    /**
     * {@code forModel(model).createAsyncGenerator(model, messages, options)}: the one-line entry for hosts.
     *
     * @param model see {@link #forModel(String)}
     * @param messages the conversation
     * @param options timeouts, typed parameters and provider-specific settings; null for the defaults
     * @return the streamed answer, cold and single-use
     * @throws IllegalArgumentException when the messages or options cannot be sent (from the first candidate)
     * @throws ModelNotFoundException when no provider serves the model
     * @throws ProviderNotFoundException when a pinned provider is unknown, or none is registered
     */
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
        if (!serving.isEmpty()) {
            List<Candidate> candidates = new ArrayList<>();
            for (AsyncGeneratorProvider p : serving) {
                candidates.add(new Candidate(p, nameOf(p), canonical(p, wanted)));
            }
            return candidates;
        }
        int colon = wanted.indexOf(':');
        String prefix = colon < 0 ? "" : wanted.substring(0, colon).strip();
        if (!prefix.isEmpty()) {
            RegisteredProvider entry = byName.get(key(prefix));
            if (entry == null) {
                ProviderNotFoundException e = notFound(prefix);
                String closestModel = ModelNames.closest(wanted, models()).or(() -> ModelNames.closest(prefix, models()))
                        .map(m -> " Did you mean the model '" + m + "'?").orElse("");
                throw new ProviderNotFoundException(e.getMessage() + " No provider serves a model named '" + shorten(wanted)
                        + "' either." + closestModel + pinHint(wanted));
            }
            return pinned(entry, wanted.substring(colon + 1).strip());
        }
        throw new ModelNotFoundException(ModelNames.notFoundMessage(wanted,
                "any registered provider (" + String.join(", ", names()) + ")", models()) + pinHint(wanted));
    }

    /** Suggests pinning when some provider serves models it does not list. */
    private String pinHint(String wanted) {
        List<String> open = entries.stream().filter(e -> acceptsUnlisted(e.provider())).map(RegisteredProvider::name)
                .collect(Collectors.toList());
        if (open.isEmpty()) {
            return "";
        }
        return " To ask a provider for a model it does not list, pin it, e.g. '" + open.get(0) + ":" + shorten(wanted)
                + "' (open model lists: " + String.join(", ", open) + ").";
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static boolean acceptsUnlisted(AsyncGeneratorProvider p) {
        try {
            return p instanceof ProviderModelMixin && ((ProviderModelMixin) p).acceptsUnlistedModels();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<Candidate> candidatesForDefault() {
        List<Candidate> candidates = new ArrayList<>();
        for (AsyncGeneratorProvider p : defaultChain()) {
            candidates.add(new Candidate(p, nameOf(p), defaultModelOf(p)));
        }
        if (candidates.isEmpty()) {
            // nothing is working: try the first provider anyway, so the caller gets its own explanation
            RegisteredProvider first = defaultOrder.get(0);
            candidates.add(new Candidate(first.provider(), first.name(), defaultModelOf(first.provider())));
        }
        return candidates;
    }

    private static String defaultModelOf(AsyncGeneratorProvider p) {
        if (p instanceof ProviderModelMixin) {
            try {
                String model = ((ProviderModelMixin) p).defaultModel();
                return model == null || model.isBlank() ? null : model;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private List<Candidate> pinned(RegisteredProvider entry, String modelPart) {
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
     * context class loader, reads the providers file, and takes the environment from the process; programmatic
     * providers come first in every list.
     */
    public static final class Builder {
        private final List<AsyncGeneratorProvider> instances = new ArrayList<>();
        private final List<ProviderFactory> factoryInstances = new ArrayList<>();
        private final List<ClassLoader> loaders = new ArrayList<>();
        private final Set<String> excluded = new LinkedHashSet<>();
        private boolean useDefaultClassLoaders = true;
        private Map<String, String> environment;
        private Path home;
        private Path providersFile;
        private List<String> providerOrder;

        private Builder() {
        }

        /**
         * Adds a provider instance, for example one built around the host's own Vert.x. It comes before the
         * discovered providers; the registry never closes it.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder add(AsyncGeneratorProvider provider) {
            instances.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Adds a provider factory instance; it comes before the discovered factories and gets the providers-file
         * entries of its type like them. The providers it creates are the registry's to close.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder addFactory(ProviderFactory factory) {
            factoryInstances.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Also discovers the providers and provider factories visible to {@code loader}, for example a
         * {@code URLClassLoader} over plug-in jars.
         *
         * @param loader the class loader
         * @return this builder
         */
        public Builder addClassLoader(ClassLoader loader) {
            loaders.add(Objects.requireNonNull(loader, "loader"));
            return this;
        }

        /**
         * Whether to discover through the registry's own class loader and the thread context class loader
         * (before the added ones). True by default; false to see only added loaders and instances.
         *
         * @param use whether to use them
         * @return this builder
         */
        public Builder useDefaultClassLoaders(boolean use) {
            this.useDefaultClassLoaders = use;
            return this;
        }

        /**
         * Leaves out the providers with these names (ignoring case), whether discovered, made by a factory or added.
         *
         * @param names the names
         * @return this builder
         */
        public Builder exclude(String... names) {
            for (String name : names) {
                if (name != null && !name.isBlank()) {
                    excluded.add(key(name));
                }
            }
            return this;
        }

        /**
         * The environment variables that the registry ({@value #PROVIDERS_FILE_VARIABLE},
         * {@value #PROVIDER_ORDER_VARIABLE}, {@code G4J_HOME}) and the provider factories read. The process
         * environment by default; tests pass a map.
         *
         * @param environment the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            Map<String, String> copy = new LinkedHashMap<>();
            Objects.requireNonNull(environment, "environment").forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
            this.environment = copy;
            return this;
        }

        /**
         * The g4j home folder; by default {@link G4jHome#resolve(java.util.Properties, Map)} with the system
         * properties and the {@linkplain #environment(Map) environment}.
         *
         * @param home the folder
         * @return this builder
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /**
         * The providers file to read, instead of {@value #PROVIDERS_FILE_VARIABLE} or {@code providers.json} in the
         * home folder. A file named this way (or by the variable) must exist; the default one may be absent.
         *
         * @param file the JSON file
         * @return this builder
         */
        public Builder providersFile(Path file) {
            this.providersFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The providers to try first, in this order, for a request without a model; the other working providers
         * follow in the default order. Overrides {@value #PROVIDER_ORDER_VARIABLE}.
         *
         * @param names provider names, ignoring case
         * @return this builder
         */
        public Builder providerOrder(List<String> names) {
            List<String> copy = new ArrayList<>();
            for (String name : Objects.requireNonNull(names, "names")) {
                if (name != null && !name.isBlank()) {
                    copy.add(name.strip());
                }
            }
            this.providerOrder = copy;
            return this;
        }

        /**
         * Loads the providers and provider factories, and reads the providers file.
         *
         * @return the registry; never throws for a broken provider, factory or entry: see
         *         {@link ProviderRegistry#failures()}
         */
        public ProviderRegistry build() {
            Map<String, String> env = environment != null ? environment : System.getenv();
            List<ClassLoader> all = new ArrayList<>();
            if (useDefaultClassLoaders) {
                all.add(ProviderRegistry.class.getClassLoader());
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context != null) {
                    all.add(context);
                }
            }
            all.addAll(loaders);
            ServiceDiscovery<AsyncGeneratorProvider> discovery = new ServiceDiscovery<>(AsyncGeneratorProvider.class);
            ServiceDiscovery<ProviderFactory> factories = new ServiceDiscovery<>(ProviderFactory.class);
            Set<ClassLoader> done = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ClassLoader loader : all) {
                if (loader != null && done.add(loader)) {
                    discovery.discover(loader);
                    factories.discover(loader);
                }
            }

            Registration reg = new Registration(discovery, excluded);
            Set<AsyncGeneratorProvider> seenInstances = Collections.newSetFromMap(new IdentityHashMap<>());
            for (AsyncGeneratorProvider p : instances) {
                if (seenInstances.add(p)) {
                    reg.register(p, ProviderSources.PROGRAMMATIC, false, null);
                }
            }
            for (ServiceDiscovery.Found<AsyncGeneratorProvider> found : discovery.found()) {
                reg.register(found.provider(), found.source(), true, null);
            }
            new FactoryLoading(factories, reg, env).load(factoryInstances, home, providersFile);

            List<String> order = providerOrder != null ? providerOrder : parseOrder(env.get(PROVIDER_ORDER_VARIABLE));
            String orderSource = providerOrder != null ? "Builder.providerOrder" : PROVIDER_ORDER_VARIABLE;
            Set<String> known = new LinkedHashSet<>();
            reg.entries.forEach(e -> known.add(key(e.name())));
            for (String name : order) {
                if (!known.contains(key(name))) {
                    discovery.fail(new ProviderLoadFailure(name, orderSource, new IllegalArgumentException(
                            orderSource + " names '" + name + "', which is not a registered provider; known providers: "
                                    + reg.entries.stream().map(RegisteredProvider::name).collect(Collectors.joining(", ")))));
                }
            }
            List<ProviderLoadFailure> allFailures = new ArrayList<>(discovery.failures());
            allFailures.addAll(factories.failures());
            return new ProviderRegistry(reg.entries, allFailures, reg.duplicates, reg.disabled, order);
        }

        private static List<String> parseOrder(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
            return names;
        }
    }
}
