package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a Gradio app's {@code GET /config} a client needs.
 *
 * @param version the Gradio version, e.g. {@code "4.44.1"}, or null when absent
 * @param protocol e.g. {@code "sse_v3"}; {@code "ws"} when absent (Gradio 3, unsupported)
 * @param apiPrefix {@code ""} or {@code "/gradio_api"}, normalised
 * @param components components by id, in config order
 * @param dependencies dependencies in config order
 * @param raw the whole config document
 */
public record GradioConfig(String version, String protocol, String apiPrefix, Map<Integer, GradioComponent> components,
                           List<GradioDependency> dependencies, JsonNode raw) {
    public GradioConfig {
        components = Map.copyOf(components);
        dependencies = List.copyOf(dependencies);
    }

    /**
     * Reads a config document.
     *
     * @throws GradioProtocolException when it is not shaped like a Gradio config
     */
    public static GradioConfig parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("dependencies").isArray()) {
            throw new GradioProtocolException("The /config document has no 'dependencies' list; is the URL the root of a Gradio app?");
        }
        Map<Integer, GradioComponent> comps = new LinkedHashMap<>();
        for (JsonNode c : root.path("components")) {
            if (c.path("id").isIntegralNumber()) {
                JsonNode props = c.path("props");
                comps.put(c.get("id").intValue(), new GradioComponent(c.get("id").intValue(), c.path("type").asText(""),
                        props.isObject() ? props : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
            }
        }
        List<GradioDependency> deps = new ArrayList<>();
        int position = 0;
        for (JsonNode d : root.path("dependencies")) {
            int id = d.path("id").isIntegralNumber() ? d.get("id").intValue() : position;
            position++;
            List<GradioTrigger> targets = new ArrayList<>();
            for (JsonNode t : d.path("targets")) {
                if (t.isArray() && t.size() >= 2 && t.get(0).isIntegralNumber()) {
                    targets.add(new GradioTrigger(t.get(0).intValue(), t.get(1).asText()));
                } else if (t.isIntegralNumber()) {
                    targets.add(new GradioTrigger(t.intValue(), ""));
                }
            }
            String apiName = d.path("api_name").isTextual() ? stripSlash(d.get("api_name").textValue()) : null;
            deps.add(new GradioDependency(id, targets, ints(d.path("inputs")), ints(d.path("outputs")), apiName,
                    !d.path("queue").isBoolean() || d.get("queue").booleanValue()));
        }
        return new GradioConfig(root.path("version").isTextual() ? root.get("version").textValue() : null,
                root.path("protocol").isTextual() ? root.get("protocol").textValue() : "ws",
                GradioEndpoint.normalisePrefix(root.path("api_prefix").asText("")), comps, deps, root);
    }

    /** The dependency with this api name (a leading {@code /} is ignored). */
    public Optional<GradioEndpoint> endpointByApiName(String apiName) {
        String wanted = stripSlash(apiName);
        return dependencies.stream().filter(d -> wanted.equals(d.apiName())).findFirst().map(this::endpointFor);
    }

    /**
     * The dependency fired by {@code event} on {@code componentId}; {@code trigger_id} is set to that component.
     */
    public Optional<GradioEndpoint> endpointByTrigger(int componentId, String event) {
        for (GradioDependency d : dependencies) {
            for (GradioTrigger t : d.targets()) {
                if (t.componentId() == componentId && t.event().equals(event)) {
                    return Optional.of(new GradioEndpoint(d.id(), componentId, apiPrefix, protocol, d));
                }
            }
        }
        return Optional.empty();
    }

    /** The dependency with this {@code fn_index}. */
    public Optional<GradioEndpoint> endpointByFnIndex(int fnIndex) {
        return dependencies.stream().filter(d -> d.id() == fnIndex).findFirst().map(this::endpointFor);
    }

    /**
     * Like {@link #endpointByApiName} but fails with a {@link GradioException} listing the
     * known names (the app was probably changed or the name is misspelt).
     */
    public GradioEndpoint requireEndpoint(String apiName) {
        return endpointByApiName(apiName).orElseThrow(() -> new GradioException("The app has no endpoint named '"
                + apiName + "'; known api names: " + dependencies.stream().map(GradioDependency::apiName)
                .filter(n -> n != null).toList()));
    }

    /** The initial value of a component, a null node when unknown; use it to fill inputs the caller leaves out. */
    public JsonNode defaultValue(int componentId) {
        GradioComponent c = components.get(componentId);
        return c == null ? NullNode.getInstance() : c.defaultValue();
    }

    private GradioEndpoint endpointFor(GradioDependency d) {
        Integer trigger = d.targets().isEmpty() ? null : d.targets().get(0).componentId();
        return new GradioEndpoint(d.id(), trigger, apiPrefix, protocol, d);
    }

    private static List<Integer> ints(JsonNode arr) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : arr) {
            if (n.isIntegralNumber()) {
                out.add(n.intValue());
            }
        }
        return out;
    }

    private static String stripSlash(String s) {
        return s != null && s.startsWith("/") ? s.substring(1) : s;
    }
}
