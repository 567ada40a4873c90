package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.registry.DuplicateProvider;
import dev.g4j.provider.registry.ProviderLoadFailure;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The output of {@code --list-providers} and {@code --list-models}. */
final class Listings {

    private Listings() {
    }

    /** One row per provider (name, label, flags, where it came from), then what failed to load and where g4j looked. */
    static void providers(ProviderRegistry registry, Plugins plugins, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "LABEL", "FLAGS", "SOURCE"});
        for (AsyncGeneratorProvider p : registry.providers()) {
            rows.add(new String[] {p.name(), safe(p::label), flags(p), registry.sourceOf(p)});
        }
        table(rows, out);
        if (registry.providers().isEmpty()) {
            out.println("(no provider found)");
        }
        List<ProviderLoadFailure> failures = registry.failures();
        if (!failures.isEmpty()) {
            out.println();
            out.println("Failed to load (" + failures.size() + "):");
            for (ProviderLoadFailure f : failures) {
                out.println("  " + f.describe());
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
            out.println("Plugin folders: none found (put provider jars in plugins/ of the g4j home, or name folders in "
                    + Plugins.ENV + "; see g4j --help)");
        } else {
            out.println("Plugin folders:");
            for (Path folder : plugins.folders()) {
                long n = plugins.jars().stream().filter(j -> j.equals(folder) || folder.equals(j.getParent())).count();
                out.println("  " + folder + " (" + n + (n == 1 ? " jar)" : " jars)"));
            }
        }
        out.flush();
    }

    /** Per provider: each model with its aliases, the default marked. */
    static void models(ProviderRegistry registry, PrintStream out) {
        boolean firstProvider = true;
        for (AsyncGeneratorProvider p : registry.providers()) {
            if (!firstProvider) {
                out.println();
            }
            firstProvider = false;
            out.println(p.name() + " (" + safe(p::label) + ")");
            if (!(p instanceof ProviderModelMixin m)) {
                out.println("  (does not list its models; pin it with " + p.name() + ":MODEL)");
                continue;
            }
            Map<String, List<String>> aliasesByModel = new LinkedHashMap<>();
            List<String> models = new ArrayList<>(m.models());
            if (m.defaultModel() != null && !models.contains(m.defaultModel())) {
                models.add(0, m.defaultModel());
            }
            models.forEach(model -> aliasesByModel.put(model, new ArrayList<>()));
            m.modelAliases().forEach((alias, model) -> aliasesByModel.computeIfAbsent(model, k -> new ArrayList<>()).add(alias));
            int width = aliasesByModel.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, List<String>> e : aliasesByModel.entrySet()) {
                StringBuilder line = new StringBuilder("  ").append(pad(e.getKey(), width));
                List<String> notes = new ArrayList<>();
                if (e.getKey().equals(m.defaultModel())) {
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
        }
        if (registry.providers().isEmpty()) {
            out.println("(no provider found; see g4j --list-providers)");
        }
        out.flush();
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
