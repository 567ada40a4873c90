package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * A static description of a simulated app (its components and dependencies) that renders the
 * {@code /config} and {@code /info} documents in the shapes of the simulated Gradio version: Gradio
 * 4.44.1's keys, plus the 5.x dependency keys ({@code connection}, {@code time_limit},
 * {@code stream_every}) and component keys ({@code api_info_as_input}, {@code api_info_as_output}) in
 * {@link GradioMode#GRADIO_5} and {@link GradioMode#GRADIO_6}, and in Gradio 6 {@code api_visibility}
 * ({@code "public"} or {@code "undocumented"}) instead of {@code show_api}.
 *
 * <p>A dependency's {@code id} is its {@code fn_index}: list the dependencies in id order, from 0.
 */
public final class AppSpec {

    /** The node factory of every simulated value (exact decimals, like Python floats printed by Gradio). */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /**
     * One component of the app, as {@code /config} lists it.
     *
     * @param id           the component id
     * @param type         the component type, for example {@code "textbox"}, {@code "chatbot"},
     *                     {@code "state"}
     * @param props        the component's props; must not contain {@code name}, which is added
     * @param skipApi      whether the component is left out of the API ({@code skip_api}, true for
     *                     buttons and States)
     * @param apiInfo      the JSON schema of the component's value, or null
     * @param exampleInput the example input {@code /info} shows, or null
     * @param pythonType   the Python type {@code /info} shows
     */
    public record Component(int id, String type, ObjectNode props, boolean skipApi, JsonNode apiInfo,
                            JsonNode exampleInput, String pythonType) {
        /**
         * Checks the required parts.
         *
         * @param id see the record component
         * @param type see the record component
         * @param props see the record component
         * @param skipApi see the record component
         * @param apiInfo see the record component
         * @param exampleInput see the record component
         * @param pythonType see the record component
         */
        public Component {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(props, "props");
        }
    }

    /**
     * Who may see a dependency in the API pages: {@code show_api} in 4.x and 5.x, {@code api_visibility}
     * in 6.x.
     */
    public enum Visibility {
        /** Listed in {@code /info} ({@code show_api:true}). */
        PUBLIC,
        /** Only in {@code /info?all_endpoints=true} ({@code show_api:false}). */
        UNDOCUMENTED
    }

    /**
     * One event listener (a {@code fn_index}).
     *
     * @param id             the dependency id, which is also its {@code fn_index}
     * @param triggerId      the component whose event triggers it, or null for a {@code .then} step
     * @param event          the event name, for example {@code "submit"}, {@code "click"}, {@code "then"}
     * @param inputs         the input component ids, in order
     * @param outputs        the output component ids, in order
     * @param apiName        the {@code api_name}
     * @param generator      whether the function is a generator ({@code types.generator})
     * @param parameterNames the Python parameter names {@code /info} shows, one per input
     * @param queue          whether the dependency runs on the queue
     * @param backendFn      whether it has a Python function ({@code false} for stop buttons)
     * @param cancel         whether it cancels other events ({@code types.cancel})
     * @param visibility     who may see it in the API pages
     * @param triggerAfter   the dependency it follows ({@code trigger_after}), or null
     */
    public record Dependency(int id, Integer triggerId, String event, List<Integer> inputs, List<Integer> outputs,
                             String apiName, boolean generator, List<String> parameterNames, boolean queue,
                             boolean backendFn, boolean cancel, Visibility visibility, Integer triggerAfter) {
        /**
         * Copies the lists and checks the required parts.
         *
         * @param id see the record component
         * @param triggerId see the record component
         * @param event see the record component
         * @param inputs see the record component
         * @param outputs see the record component
         * @param apiName see the record component
         * @param generator see the record component
         * @param parameterNames see the record component
         * @param queue see the record component
         * @param backendFn see the record component
         * @param cancel see the record component
         * @param visibility see the record component
         * @param triggerAfter see the record component
         */
        public Dependency {
            Objects.requireNonNull(event, "event");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            parameterNames = List.copyOf(parameterNames);
            Objects.requireNonNull(visibility, "visibility");
            if (parameterNames.size() != inputs.size()) {
                throw new IllegalArgumentException("dependency " + id + " needs one parameter name per input");
            }
        }

        /**
         * A public, queued dependency with a Python function, not following another one.
         *
         * @param id             the dependency id ({@code fn_index})
         * @param triggerId      the component whose event triggers it
         * @param event          the event name
         * @param inputs         the input component ids
         * @param outputs        the output component ids
         * @param apiName        the {@code api_name}
         * @param generator      whether the function is a generator
         * @param parameterNames the Python parameter names, one per input
         */
        public Dependency(int id, Integer triggerId, String event, List<Integer> inputs, List<Integer> outputs,
                          String apiName, boolean generator, List<String> parameterNames) {
            this(id, triggerId, event, inputs, outputs, apiName, generator, parameterNames, true, true, false,
                    Visibility.PUBLIC, null);
        }
    }

    private final String title;
    private final String mode;
    private final List<Component> components;
    private final List<Dependency> dependencies;

    /**
     * A Blocks app ({@code "mode":"blocks"}).
     *
     * @param title        the page title
     * @param components   the components
     * @param dependencies the dependencies, in id order from 0
     * @throws IllegalArgumentException when dependency ids are not 0, 1, 2… or an input or output names
     *                                  a component that does not exist
     */
    public AppSpec(String title, List<Component> components, List<Dependency> dependencies) {
        this(title, "blocks", components, dependencies);
    }

    /**
     * An app with the given {@code config.mode}.
     *
     * @param title        the page title
     * @param mode         {@code "blocks"}, or {@code "chat_interface"} for a root {@code gr.ChatInterface}
     * @param components   the components
     * @param dependencies the dependencies, in id order from 0
     * @throws IllegalArgumentException when dependency ids are not 0, 1, 2… or an input or output names
     *                                  a component that does not exist
     */
    public AppSpec(String title, String mode, List<Component> components, List<Dependency> dependencies) {
        this.title = Objects.requireNonNull(title, "title");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.components = List.copyOf(components);
        this.dependencies = List.copyOf(dependencies);
        for (int i = 0; i < this.dependencies.size(); i++) {
            Dependency d = this.dependencies.get(i);
            if (d.id() != i) {
                throw new IllegalArgumentException("dependency at position " + i + " has id " + d.id()
                        + "; list dependencies in id order from 0");
            }
            for (int c : d.inputs()) {
                component(c);
            }
            for (int c : d.outputs()) {
                component(c);
            }
        }
    }

    /**
     * The dependencies, in id order.
     *
     * @return the dependencies
     */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /**
     * The components.
     *
     * @return the components
     */
    public List<Component> components() {
        return components;
    }

    /**
     * Whether a dependency with this id exists.
     *
     * @param id a {@code fn_index}
     * @return whether the app has it
     */
    public boolean hasDependency(int id) {
        return id >= 0 && id < dependencies.size();
    }

    /**
     * The component with this id.
     *
     * @param id a component id
     * @return the component
     * @throws IllegalArgumentException when there is none
     */
    public Component component(int id) {
        return components.stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + id));
    }

    /**
     * The {@code /config} document.
     *
     * @param gradio the simulated Gradio version
     * @param root   the app's root URL
     * @return a fresh document
     */
    public ObjectNode config(GradioMode gradio, String root) {
        boolean five = gradio.atLeastFive();
        boolean six = gradio.atLeastSix();
        ObjectNode config = NODES.objectNode();
        config.put("version", gradio.version());
        config.put("mode", mode);
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
            if (five) {
                node.set("api_info_as_input", c.apiInfo() == null ? NODES.nullNode() : c.apiInfo());
                node.set("api_info_as_output", c.apiInfo() == null ? NODES.nullNode() : c.apiInfo());
            }
            if (!"state".equals(c.type())) {
                node.set("example_inputs", c.exampleInput() == null ? NODES.nullNode() : c.exampleInput());
            }
        }
        config.putNull("css");
        config.put("connect_heartbeat", components.stream().anyMatch(c -> "state".equals(c.type())));
        config.putNull("js");
        config.putNull("head");
        config.put("title", title);
        config.putNull("space_id");
        config.put("enable_queue", true);
        config.put("show_error", false);
        if (!six) {
            config.put("show_api", true);
        }
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
            ArrayNode target = node.putArray("targets").addArray();
            if (d.triggerId() == null) {
                target.addNull();
            } else {
                target.add(d.triggerId());
            }
            target.add(d.event());
            ArrayNode inputs = node.putArray("inputs");
            d.inputs().forEach(inputs::add);
            ArrayNode outputs = node.putArray("outputs");
            d.outputs().forEach(outputs::add);
            node.put("backend_fn", d.backendFn());
            node.putNull("js");
            node.put("queue", d.queue());
            node.put("api_name", d.apiName());
            node.put("scroll_to_output", false);
            node.put("show_progress", "full");
            node.put("batch", false);
            node.put("max_batch_size", 4);
            node.putArray("cancels");
            ObjectNode types = node.putObject("types");
            types.put("generator", d.generator());
            types.put("cancel", d.cancel());
            node.put("collects_event_data", false);
            if (d.triggerAfter() == null) {
                node.putNull("trigger_after");
            } else {
                node.put("trigger_after", d.triggerAfter());
            }
            node.put("trigger_only_on_success", false);
            node.put("trigger_mode", "once");
            if (six) {
                node.put("api_visibility", d.visibility() == Visibility.PUBLIC ? "public" : "undocumented");
            } else {
                node.put("show_api", d.visibility() == Visibility.PUBLIC);
            }
            if (five) {
                node.put("connection", "sse");
                node.putNull("time_limit");
                node.put("stream_every", 0.5);
            } else {
                node.put("zerogpu", false);
            }
            node.putNull("rendered_in");
        }
        config.put("root", root);
        config.putNull("username");
        if (!gradio.apiPrefix().isEmpty()) {
            config.put("api_prefix", gradio.apiPrefix());
        }
        return config;
    }

    /**
     * The {@code /info} document: the public dependencies with a Python function, without State inputs
     * and outputs.
     *
     * @return a fresh document
     */
    public ObjectNode info() {
        ObjectNode info = NODES.objectNode();
        ObjectNode named = info.putObject("named_endpoints");
        for (Dependency d : dependencies) {
            if (d.visibility() != Visibility.PUBLIC || !d.backendFn()) {
                continue;
            }
            ObjectNode endpoint = named.putObject("/" + d.apiName());
            ArrayNode parameters = endpoint.putArray("parameters");
            for (int i = 0; i < d.inputs().size(); i++) {
                Component c = component(d.inputs().get(i));
                if (c.skipApi()) {
                    continue;
                }
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
                if (c.skipApi()) {
                    continue;
                }
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

    /**
     * An object from alternating keys and values; values are converted with Jackson.
     *
     * @param keysAndValues a key, its value, the next key…
     * @return the object
     */
    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], Json.MAPPER.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }
}
