package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.api.Redaction;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.registry.DuplicateProvider;
import dev.g4j.provider.registry.ProviderLoadFailure;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The output of {@code --list-providers} and {@code --list-models}. */
final class Listings {
    /** The longest {@code --list-models} waits for the servers it asks. */
    static final Duration DISCOVERY_TIME = Duration.ofSeconds(2);

    private Listings() {
    }

    /** One row per provider (name, label, flags, where it came from), then what failed to load and where g4j looked. */
    static void providers(ProviderRegistry registry, Plugins plugins, Map<String, String> env, PrintStream out) {
        List<AsyncGeneratorProvider> chain = registry.defaultChain();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CHAIN", "NAME", "LABEL", "FLAGS", "SOURCE"});
        for (AsyncGeneratorProvider p : registry.providers()) {
            int at = chain.indexOf(p);
            rows.add(new String[] {at < 0 ? "-" : String.valueOf(at + 1), p.name(), safe(p::label), flags(p),
                    registry.sourceOf(p)});
        }
        table(rows, out);
        if (registry.providers().isEmpty()) {
            out.println("(no provider found)");
        } else {
            out.println();
            out.println("Default chain (tried in this order without -m or -p; " + ProviderRegistry.PROVIDER_ORDER_VARIABLE
                    + " puts names first): " + (chain.isEmpty() ? "empty, no provider is working"
                    : chain.stream().map(AsyncGeneratorProvider::name).collect(Collectors.joining(", "))));
        }
        List<ProviderOutcome.Disabled> disabled = registry.disabled();
        if (!disabled.isEmpty()) {
            out.println();
            out.println("Disabled (" + disabled.size() + "):");
            for (ProviderOutcome.Disabled d : disabled) {
                out.println("  " + TerminalText.safeLine(d.name() + ": disabled, " + d.reason()));
            }
        }
        List<ProviderLoadFailure> failures = registry.failures();
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failed to load (" + failures.size() + "; broken jars and providers-file errors):");
            for (ProviderLoadFailure f : failures) {
                out.println("  " + TerminalText.safeLine(f.describe()));
            }
        }
        List<DuplicateProvider> duplicates = registry.duplicates();
        if (!duplicates.isEmpty()) {
            out.println();
            out.println("Ignored duplicates (" + duplicates.size() + "):");
            for (DuplicateProvider d : duplicates) {
                out.println("  " + d.describe());
            }
        }
        out.println();
        if (plugins.folders().isEmpty()) {
            out.println("Providers file: " + providersFile(env));
            out.println("Plugin folders: none found (put provider jars in plugins/ of the g4j home, or name folders in "
                    + Plugins.ENV + "; see g4j --help)");
        } else {
            out.println("Providers file: " + providersFile(env));
            out.println("Plugin folders:");
            for (Path folder : plugins.folders()) {
                long n = plugins.jars().stream().filter(j -> j.equals(folder) || folder.equals(j.getParent())).count();
                out.println("  " + folder + " (" + n + (n == 1 ? " jar)" : " jars)"));
            }
        }
        out.flush();
    }

    /**
     * Per provider: each model with its aliases, the default marked. Providers with an open model list (local
     * servers) are asked for their models in parallel, for at most {@link #DISCOVERY_TIME} in all; a server that does
     * not answer in time gets its configured list and a note.
     *
     * @param options the request options for every provider (proxy, key, timeouts)
     * @param only the one provider to list, or null for all
     * @param pinnedFor the provider that {@code options}' base URL and key apply to; the others get neither
     */
    static void models(ProviderRegistry registry, ProviderOptions options, String only, String pinnedFor,
                       PrintStream out) {
        List<AsyncGeneratorProvider> providers = only == null ? registry.providers() : List.of(registry.provider(only));
        Map<AsyncGeneratorProvider, CompletableFuture<List<String>>> discovering = new LinkedHashMap<>();
        ProviderOptions others = options.toBuilder().baseUrl(null).apiKey((Secret) null).build();
        for (AsyncGeneratorProvider p : providers) {
            if (p instanceof ProviderModelMixin m && openList(m)) {
                ProviderOptions o = p.name().equals(pinnedFor) ? options : others;
                discovering.put(p, discover(m, shorter(o)));
            }
        }
        long deadline = System.nanoTime() + DISCOVERY_TIME.toNanos();
        boolean firstProvider = true;
        for (AsyncGeneratorProvider p : providers) {
            if (!firstProvider) {
                out.println();
            }
            firstProvider = false;
            out.println(p.name() + " (" + safe(p::label) + ")");
            if (!(p instanceof ProviderModelMixin m)) {
                out.println("  (does not list its models; pin it with " + p.name() + ":MODEL)");
                continue;
            }
            List<String> models = new ArrayList<>(m.models());
            boolean reportedByServer = false;
            CompletableFuture<List<String>> found = discovering.get(p);
            if (found != null) {
                String note;
                try {
                    List<String> reported = found.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    models = new ArrayList<>(reported);
                    reportedByServer = true;
                    note = models.isEmpty() ? "the server reports no model" : "reported by the server at " + safe(p::url);
                } catch (TimeoutException e) {
                    found.cancel(true);
                    note = "the server did not answer within " + Asker.seconds(DISCOVERY_TIME) + "; configured list";
                } catch (ExecutionException e) {
                    note = "server not reachable (" + reason(e.getCause()) + "); configured list";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    note = "interrupted; configured list";
                }
                out.println("  (" + TerminalText.safeLine(note) + "; any name works pinned, e.g. -m " + p.name() + ":MODEL)");
            }
            printModels(m, models, !reportedByServer, out);
        }
        discovering.values().forEach(f -> f.cancel(true));
        if (providers.isEmpty()) {
            out.println("(no provider found; see g4j --list-providers)");
        }
        out.flush();
    }

    /** @param configured true for the provider's own list, where the default model is added when missing */
    private static void printModels(ProviderModelMixin m, List<String> listed, boolean configured, PrintStream out) {
        Map<String, List<String>> aliasesByModel = new LinkedHashMap<>();
        List<String> models = new ArrayList<>(listed);
        String defaultModel = m.defaultModel();
        if (configured && defaultModel != null && !models.contains(defaultModel)) {
            models.add(0, defaultModel);
        }
        models.forEach(model -> aliasesByModel.put(TerminalText.safeLine(model), new ArrayList<>()));
        m.modelAliases().forEach((alias, model) -> aliasesByModel.computeIfAbsent(model, k -> new ArrayList<>()).add(alias));
        int width = aliasesByModel.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, List<String>> e : aliasesByModel.entrySet()) {
            StringBuilder line = new StringBuilder("  ").append(pad(e.getKey(), width));
            List<String> notes = new ArrayList<>();
            if (e.getKey().equals(defaultModel)) {
                notes.add("default");
            }
            if (!e.getValue().isEmpty()) {
                notes.add("aliases: " + String.join(", ", e.getValue()));
            }
            if (!notes.isEmpty()) {
                line.append("  ").append(String.join("; ", notes));
            }
            out.println(line.toString().stripTrailing());
        }
        if (aliasesByModel.isEmpty()) {
            out.println("  (no model listed)");
        }
    }

    private static CompletableFuture<List<String>> discover(ProviderModelMixin m, ProviderOptions options) {
        try {
            CompletableFuture<List<String>> f = m.discoverModels(options);
            return f != null ? f : CompletableFuture.completedFuture(m.models());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Discovery is a glance at a server, not a request: it gets the short limit, or a shorter --timeout. */
    private static ProviderOptions shorter(ProviderOptions o) {
        Duration limit = o.totalTimeout().compareTo(DISCOVERY_TIME) < 0 ? o.totalTimeout() : DISCOVERY_TIME;
        return o.toBuilder().totalTimeout(limit)
                .connectTimeout(o.connectTimeout().compareTo(limit) < 0 ? o.connectTimeout() : limit)
                .idleTimeout(o.idleTimeout().compareTo(limit) < 0 ? o.idleTimeout() : limit).build();
    }

    private static String reason(Throwable t) {
        String message = t == null ? null : t.getMessage();
        String text = message == null || message.isBlank() ? String.valueOf(t) : message;
        return Redaction.maskUserInfo(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static boolean openList(ProviderModelMixin m) {
        try {
            return m.acceptsUnlistedModels();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String providersFile(Map<String, String> env) {
        String named = env.get(ProviderRegistry.PROVIDERS_FILE_VARIABLE);
        return named != null && !named.isBlank() ? named.strip() + " (" + ProviderRegistry.PROVIDERS_FILE_VARIABLE + ")"
                : ProviderRegistry.PROVIDERS_FILE_NAME + " in the g4j home (set " + ProviderRegistry.PROVIDERS_FILE_VARIABLE
                + " to use another file)";
    }

    static String flags(AsyncGeneratorProvider p) {
        List<String> flags = new ArrayList<>();
        flags.add(safeFlag(p::working) ? "working" : "not-working");
        if (safeFlag(p::supportsStream)) {
            flags.add("stream");
        }
        if (safeFlag(p::supportsSystemMessage)) {
            flags.add("system");
        }
        if (safeFlag(p::supportsMessageHistory)) {
            flags.add("history");
        }
        if (safeFlag(p::needsAuth)) {
            flags.add("auth");
        }
        return String.join(",", flags);
    }

    private static void table(List<String[]> rows, PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]) + "  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String safe(Supplier<String> s) {
        try {
            String v = s.get();
            return v == null ? "" : v;
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static boolean safeFlag(BooleanSupplier s) {
        try {
            return s.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
