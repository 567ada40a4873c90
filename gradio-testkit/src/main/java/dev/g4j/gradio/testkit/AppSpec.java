package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A static description of a simulated Blocks app (components and dependencies) that renders the
 * {@code /config} and {@code /info} documents in Gradio 4.44.1's shapes.
 */
final class AppSpec {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** One component. {@code props} must not contain {@code name}; it is added. */
    record Component(int id, String type, ObjectNode props, boolean skipApi, ObjectNode apiInfo,
                     JsonNode exampleInput, String pythonType) {
    }

    /** One event listener. */
    record Dependency(int id, int triggerId, String event, List<Integer> inputs, List<Integer> outputs,
                      String apiName, boolean generator, List<String> parameterNames) {
    }

    private final String title;
    private final List<Component> components;
    private final List<Dependency> dependencies;

    AppSpec(String title, List<Component> components, List<Dependency> dependencies) {
        this.title = title;
        this.components = List.copyOf(components);
        this.dependencies = List.copyOf(dependencies);
    }

    List<Dependency> dependencies() {
        return dependencies;
    }

    boolean hasDependency(int id) {
        return dependencies.stream().anyMatch(d -> d.id() == id);
    }

    Component component(int id) {
        return components.stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new IllegalStateException("no component " + id));
    }

    ObjectNode config(GradioMode mode, String root) {
        ObjectNode config = NODES.objectNode();
        config.put("version", mode.version());
        config.put("mode", "blocks");
        config.put("app_id", 1234567890123456789L);
        config.put("dev_mode", false);
        config.put("analytics_enabled", false);
        ArrayNode comps = config.putArray("components");
        for (Component c : components) {
            ObjectNode node = comps.addObject();
            node.put("id", c.id());
            node.put("type", c.type());
            ObjectNode props = c.props().deepCopy();
            props.put("name", c.type());
            node.set("props", props);
            node.put("skip_api", c.skipApi());
            node.put("component_class_id", Integer.toHexString(c.type().hashCode() & 0x7fffffff));
            node.putNull("key");
            node.set("api_info", c.apiInfo() == null ? NODES.nullNode() : c.apiInfo());
            node.set("example_inputs", c.exampleInput() == null ? NODES.nullNode() : c.exampleInput());
        }
        config.putNull("css");
        config.put("connect_heartbeat", false);
        config.putNull("js");
        config.putNull("head");
        config.put("title", title);
        config.putNull("space_id");
        config.put("enable_queue", true);
        config.put("show_error", false);
        config.put("show_api", true);
        config.put("is_colab", false);
        config.putNull("max_file_size");
        config.putArray("stylesheets");
        config.putNull("theme");
        config.put("protocol", "sse_v3");
        config.put("body_css", NODES.objectNode());
        config.put("fill_height", false);
        config.put("fill_width", false);
        ObjectNode layout = config.putObject("layout");
        layout.put("id", 0);
        ArrayNode children = layout.putArray("children");
        components.forEach(c -> children.addObject().put("id", c.id()));
        ArrayNode deps = config.putArray("dependencies");
        for (Dependency d : dependencies) {
            ObjectNode node = deps.addObject();
            node.put("id", d.id());
            node.putArray("targets").addArray().add(d.triggerId()).add(d.event());
            ArrayNode inputs = node.putArray("inputs");
            d.inputs().forEach(inputs::add);
            ArrayNode outputs = node.putArray("outputs");
            d.outputs().forEach(outputs::add);
            node.put("backend_fn", true);
            node.putNull("js");
            node.put("queue", true);
            node.put("api_name", d.apiName());
            node.put("scroll_to_output", false);
            node.put("show_progress", "full");
            node.put("batch", false);
            node.put("max_batch_size", 4);
            node.putArray("cancels");
            ObjectNode types = node.putObject("types");
            types.put("generator", d.generator());
            types.put("cancel", false);
            node.put("collects_event_data", false);
            node.putNull("trigger_after");
            node.put("trigger_only_on_success", false);
            node.put("trigger_mode", "once");
            node.put("show_api", true);
            node.put("zerogpu", false);
            node.putNull("rendered_in");
        }
        config.put("root", root);
        config.putNull("username");
        if (!mode.apiPrefix().isEmpty()) {
            config.put("api_prefix", mode.apiPrefix());
        }
        return config;
    }

    ObjectNode info() {
        ObjectNode info = NODES.objectNode();
        ObjectNode named = info.putObject("named_endpoints");
        for (Dependency d : dependencies) {
            ObjectNode endpoint = named.putObject("/" + d.apiName());
            ArrayNode parameters = endpoint.putArray("parameters");
            for (int i = 0; i < d.inputs().size(); i++) {
                Component c = component(d.inputs().get(i));
                ObjectNode p = parameters.addObject();
                p.put("label", labelOf(c));
                p.put("parameter_name", d.parameterNames().get(i));
                JsonNode value = c.props().get("value");
                boolean hasDefault = value != null && !value.isNull();
                p.put("parameter_has_default", hasDefault);
                p.set("parameter_default", hasDefault ? value : NODES.nullNode());
                p.set("type", c.apiInfo());
                describe(p, c);
                p.set("example_input", c.exampleInput());
            }
            ArrayNode returns = endpoint.putArray("returns");
            for (int out : d.outputs()) {
                Component c = component(out);
                ObjectNode r = returns.addObject();
                r.put("label", labelOf(c));
                r.set("type", c.apiInfo());
                describe(r, c);
            }
            endpoint.put("show_api", true);
        }
        info.putObject("unnamed_endpoints");
        return info;
    }

    private static void describe(ObjectNode target, Component c) {
        ObjectNode python = target.putObject("python_type");
        python.put("type", c.pythonType());
        python.put("description", "");
        target.put("component", Character.toUpperCase(c.type().charAt(0)) + c.type().substring(1));
    }

    private static String labelOf(Component c) {
        JsonNode label = c.props().get("label");
        return label == null || label.isNull() ? "parameter_" + c.id() : label.asText();
    }

    /** An object from alternating keys and values; values are converted with Jackson. */
    static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], Json.MAPPER.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }
}
