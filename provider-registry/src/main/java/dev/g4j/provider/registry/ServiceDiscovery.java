package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Runs {@link ServiceLoader} over several class loaders with one try/catch per entry, so that one broken entry
 * never hides the ones after it. The same class seen through two loaders (a child that delegates to its parent)
 * is instantiated by the JDK twice but kept once; the extra instance is closed at once.
 */
final class ServiceDiscovery<S> {
    /** Stops a loader whose iterator keeps failing without moving on (it should never happen). */
    private static final int MAX_CONSECUTIVE_ERRORS = 1_000;
    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    /**
     * A service found, with where it came from.
     *
     * @param provider the instance
     * @param source the jar or directory
     * @param <S> the service type
     */
    record Found<S>(S provider, String source) {
    }

    private final Class<S> type;
    private final List<Found<S>> found = new ArrayList<>();
    private final List<ProviderLoadFailure> failures = new ArrayList<>();
    private final Set<Class<?>> seenClasses = new LinkedHashSet<>();
    private final Set<String> seenFailures = new LinkedHashSet<>();

    ServiceDiscovery(Class<S> type) {
        this.type = type;
    }

    List<Found<S>> found() {
        return found;
    }

    List<ProviderLoadFailure> failures() {
        return failures;
    }

    void discover(ClassLoader loader) {
        ProviderSources sources = new ProviderSources(type);
        sources.index(loader);
        Iterator<S> it;
        try {
            it = ServiceLoader.load(type, loader).iterator();
        } catch (ServiceConfigurationError | RuntimeException e) {
            fail(new ProviderLoadFailure("(service loader)", String.valueOf(loader), e));
            return;
        }
        int consecutiveErrors = 0;
        while (consecutiveErrors < MAX_CONSECUTIVE_ERRORS) {
            S provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                consecutiveErrors++;
                String[] guess = sources.attribute(messages(e));
                String entry = guess[0] != null ? guess[0] : "(unknown entry)";
                String source = guess[0] != null ? sources.sourceOfEntry(guess[0], loader)
                        : guess[1] != null ? guess[1] : ProviderSources.UNKNOWN;
                fail(new ProviderLoadFailure(entry, source, e));
                continue;
            }
            consecutiveErrors = 0;
            if (!seenClasses.add(provider.getClass())) {
                closeIfProvider(provider);
                continue;
            }
            found.add(new Found<>(provider, sources.sourceOfClass(provider.getClass())));
        }
        LOG.log(Level.WARNING, "Gave up reading providers from " + loader + " after " + MAX_CONSECUTIVE_ERRORS + " errors in a row");
    }

    /** Records a failure that happened after instantiation, such as {@code name()} throwing. */
    void failAfterLoad(Object provider, String source, Throwable cause) {
        fail(new ProviderLoadFailure(provider.getClass().getName(), source, cause));
    }

    /** Records a failure found outside the service loader, such as a bad providers-file entry. */
    void fail(ProviderLoadFailure failure) {
        String key = failure.serviceEntry() + '|' + failure.source() + '|' + failure.cause().getMessage();
        if (seenFailures.add(key)) {
            failures.add(failure);
            LOG.log(Level.WARNING, failure.describe(), failure.cause());
        }
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static void closeIfProvider(Object service) {
        if (service instanceof AsyncGeneratorProvider) {
            closeQuietly((AsyncGeneratorProvider) service);
        }
    }

    static void closeQuietly(AsyncGeneratorProvider provider) {
        try {
            provider.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Closing provider " + provider.getClass().getName() + " failed", e);
        }
    }
}
