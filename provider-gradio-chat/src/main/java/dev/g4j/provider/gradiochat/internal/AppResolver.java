package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.g4j.gradio.GradioClient;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.gradio.GradioDependency;
import dev.g4j.gradio.GradioEndpoint;
import dev.g4j.gradio.GradioSettings;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.RateLimitException;
import dev.g4j.provider.api.ResponseStatusException;
import dev.g4j.provider.api.UpstreamProtocolException;
import dev.g4j.provider.gradiochat.GradioChatSpec;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Locates an app and its chat endpoint: the base URL (an override, the spec's URL, or a Space's host), then the
 * endpoint from the app's {@code /config} (cached by the Gradio client): by the spec's {@code api_name}, else its
 * {@code fn_index}, else, for an app without a spec, by {@link ChatEndpointDetector}.
 */
public final class AppResolver {
    private static final System.Logger LOG = System.getLogger(AppResolver.class.getName());

    private final HostLookup hosts;
    private final UnaryOperator<String> environment;

    /**
     * Makes a resolver.
     *
     * @param hosts       the Space host lookup (with its cache)
     * @param environment reads environment variables ({@code HF_ENDPOINT})
     */
    public AppResolver(HostLookup hosts, UnaryOperator<String> environment) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The base URL of an app given by URL or Space id.
     *
     * @param url        the app's URL, or null
     * @param spaceId    the Space id, or null
     * @param hfEndpoint the Hugging Face endpoint option
     * @param settings   the request's settings
     * @return the base URL
     */
    public CompletableFuture<URI> baseUrl(URI url, String spaceId, Optional<URI> hfEndpoint, GradioSettings settings) {
        if (url != null) {
            return CompletableFuture.completedFuture(url);
        }
        return hosts.host(SpaceHosts.endpoint(hfEndpoint, environment), spaceId, settings);
    }

    /**
     * The plan for a spec.
     *
     * @param spec     the spec
     * @param base     the app's base URL
     * @param messages the conversation (already checked by {@link JoinData#of})
     * @param model    the resolved model, or null when the spec has none
     * @param client   the Gradio client
     * @param settings the request's settings
     * @return the plan
     */
    public CompletableFuture<ChatPlan> forSpec(GradioChatSpec spec, URI base, Messages messages, String model,
                                               GradioClient client, GradioSettings settings) {
        return client.config(base, settings).handle((config, error) -> {
            if (error == null) {
                GradioChatSpec used = relaidOut(spec, config);
                return new ChatPlan(base, endpoint(used, config, base), used, JoinData.of(used, messages, model));
            }
            Throwable cause = GradioFailures.unwrap(error);
            if (!isUnreadableConfig(cause) || spec.fnIndex().isEmpty()) {
                throw GradioFailures.asUnchecked(cause);
            }
            LOG.log(System.Logger.Level.WARNING, "Cannot read /config of {0} ({1}); using the spec''s fn_index {2}",
                    base.getHost(), cause.getMessage(), spec.fnIndex().getAsInt());
            return new ChatPlan(base, published(spec, ""), spec, JoinData.of(spec, messages, model));
        });
    }

    /**
     * The plan for an app without a spec: its chat endpoint is detected from {@code /config}.
     *
     * @param name     the provider name
     * @param apiName  the endpoint to use, or null to pick the most chat-like one
     * @param base     the app's base URL
     * @param messages the conversation
     * @param client   the Gradio client
     * @param settings the request's settings
     * @return the plan, or a failed future with {@link UpstreamProtocolException} naming the endpoints the app has
     */
    public CompletableFuture<ChatPlan> detect(String name, String apiName, URI base, Messages messages,
                                              GradioClient client, GradioSettings settings) {
        return client.config(base, settings).thenApply(config -> {
            EndpointDetection detection = ChatEndpointDetector.detect(config.raw());
            if (apiName != null) {
                detection = onlyEndpoint(config, apiName, base);
            }
            if (detection instanceof EndpointDetection.NotFound notFound) {
                throw new UpstreamProtocolException(notFound.message(base.toString()));
            }
            DetectedChat chat = ((EndpointDetection.Found) detection).chat();
            GradioChatSpec spec = chat.applyTo(GradioChatSpec.builder(name).url(base)).build();
            ArrayNode data = JoinData.of(spec, messages, null);
            return new ChatPlan(base, endpoint(spec, config, base), spec, data);
        });
    }

    /**
     * The spec as it applies to this app: itself, unless its {@code api_name} is missing from the app's
     * {@code /config} (a redeployed or self-hosted copy) and the app has a chat-shaped endpoint, whose layout then
     * replaces the spec's (with its radio or dropdown as the model selector); the names, models and other fields
     * stay the spec's.
     */
    private static GradioChatSpec relaidOut(GradioChatSpec spec, GradioConfig config) {
        if (spec.apiName().isEmpty() || config.endpointByApiName(spec.apiName().get()).isPresent()) {
            return spec;
        }
        EndpointDetection detection = ChatEndpointDetector.detect(config.raw(), !spec.models().isEmpty());
        if (!(detection instanceof EndpointDetection.Found found)) {
            return spec;
        }
        GradioChatSpec.Builder b = GradioChatSpec.builder(spec.name()).label(spec.label()).homepage(spec.homepage())
                .working(spec.working());
        spec.url().ifPresent(b::url);
        spec.spaceId().ifPresent(b::spaceId);
        spec.huggingFaceEndpoint().ifPresent(b::huggingFaceEndpoint);
        spec.tokenEnv().ifPresent(b::tokenEnv);
        spec.apiPrefix().ifPresent(b::apiPrefix);
        spec.models().forEach(m -> b.model(m, spec.selectorValue(m)));
        spec.aliases().forEach(b::alias);
        spec.defaultModel().ifPresent(b::defaultModel);
        try {
            return found.chat().applyTo(b).build();
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "The detected layout of {0} does not fit {1}: {2}", config.apiPrefix(),
                    spec.name(), e.getMessage());
            return spec;
        }
    }

    /** Detection limited to the endpoint named {@code apiName}: the other dependencies are marked as not callable. */
    private static EndpointDetection onlyEndpoint(GradioConfig config, String apiName, URI base) {
        String wanted = apiName.startsWith("/") ? apiName.substring(1) : apiName;
        com.fasterxml.jackson.databind.node.ObjectNode raw = config.raw().deepCopy();
        boolean exists = false;
        for (com.fasterxml.jackson.databind.JsonNode d : raw.path("dependencies")) {
            String name = d.path("api_name").asText("");
            boolean match = wanted.equals(name.startsWith("/") ? name.substring(1) : name);
            exists |= match;
            if (!match && d instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("backend_fn", false);
            }
        }
        EndpointDetection detection = ChatEndpointDetector.detect(raw);
        if (detection instanceof EndpointDetection.NotFound) {
            throw new UpstreamProtocolException("The Gradio app " + base + (exists ? "'s endpoint /" + wanted
                    + " is not chat-shaped (a textbox in and a chatbot out, or gr.ChatInterface's /chat)"
                    : " has no endpoint /" + wanted) + "; its api names: " + config.dependencies().stream()
                    .map(GradioDependency::apiName).filter(Objects::nonNull).toList() + ". Fix \"apiName\" or leave it out");
        }
        return detection;
    }

    private static GradioEndpoint endpoint(GradioChatSpec spec, GradioConfig config, URI base) {
        Optional<GradioEndpoint> found = spec.apiName().flatMap(config::endpointByApiName);
        if (found.isEmpty() && spec.fnIndex().isPresent()) {
            found = config.endpointByFnIndex(spec.fnIndex().getAsInt());
        }
        if (found.isEmpty()) {
            if (spec.fnIndex().isPresent()) {
                return published(spec, config.apiPrefix());
            }
            throw new UpstreamProtocolException("The Gradio app " + base + " has no endpoint /" + spec.apiName().orElse("")
                    + "; its api names: " + config.dependencies().stream().map(GradioDependency::apiName)
                    .filter(Objects::nonNull).toList() + ". Check the apiName of " + spec.name());
        }
        GradioEndpoint e = found.get();
        Integer trigger = e.triggerId() != null ? e.triggerId()
                : spec.triggerId().isPresent() ? Integer.valueOf(spec.triggerId().getAsInt()) : null;
        return new GradioEndpoint(e.fnIndex(), trigger, spec.apiPrefix().orElse(e.apiPrefix()), e.protocol(),
                e.dependency());
    }

    /** The spec's own ids, for an app whose {@code /config} cannot be read or does not list them. */
    private static GradioEndpoint published(GradioChatSpec spec, String configPrefix) {
        Integer trigger = spec.triggerId().isPresent() ? spec.triggerId().getAsInt() : null;
        return GradioEndpoint.of(spec.fnIndex().getAsInt(), trigger, spec.apiPrefix().orElse(configPrefix));
    }

    /**
     * True when {@code /config} answered but could not be used (an error page, not JSON, an unknown shape), so that
     * the spec's ids are worth a try. Not for failures the join would repeat: no connection, a timeout, a full
     * queue or rate limit, or a refused login.
     */
    private static boolean isUnreadableConfig(Throwable cause) {
        if (cause instanceof UpstreamProtocolException) {
            return true;
        }
        if (cause instanceof ResponseStatusException status) {
            return !(status instanceof RateLimitException) && status.status() != 401 && status.status() != 403;
        }
        return false;
    }
}
