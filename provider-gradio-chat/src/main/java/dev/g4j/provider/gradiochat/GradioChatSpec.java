package dev.g4j.provider.gradiochat;

import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ModelNotFoundException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * An immutable description of a Gradio chat app as a provider: where the app is, which endpoint chats,
 * how a conversation fills its inputs, where the reply comes back, and the models it serves.
 *
 * <pre>{@code
 * GradioChatSpec qwen2 = GradioChatSpec.builder("Qwen_Qwen_2_72B")
 *         .url(URI.create("https://qwen-qwen2-72b-instruct.hf.space"))
 *         .fnIndex(0).triggerId(11)
 *         .inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.systemPrompt(""))
 *         .format(ChatFormat.TUPLES).chatbotOutput(1)
 *         .models("qwen-qwen2-72b-instruct").alias("qwen-2-72b", "qwen-qwen2-72b-instruct")
 *         .working(false)
 *         .build();
 * }</pre>
 */
public final class GradioChatSpec {

    /** A Space id as the official clients recognise one: {@code owner/name}. */
    static final Pattern SPACE_ID = Pattern.compile("^[a-zA-Z0-9_\\-.]+/[a-zA-Z0-9_\\-.]+$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_.\\-]+$");

    private final String name;
    private final String label;
    private final URI url;
    private final String spaceId;
    private final URI huggingFaceEndpoint;
    private final String apiName;
    private final Integer fnIndex;
    private final Integer triggerId;
    private final String apiPrefix;
    private final List<InputSlot> inputs;
    private final ChatFormat format;
    private final int chatbotOutput;
    private final List<String> models;
    private final Map<String, String> aliases;
    private final Map<String, String> modelSelectors;
    private final String defaultModel;
    private final URI homepage;
    private final boolean working;
    private final boolean serverSideHistory;

    private GradioChatSpec(Builder b) {
        this.name = b.name;
        this.label = b.label == null ? b.name : b.label;
        this.url = b.url;
        this.spaceId = b.spaceId;
        this.huggingFaceEndpoint = b.huggingFaceEndpoint;
        this.apiName = b.apiName;
        this.fnIndex = b.fnIndex;
        this.triggerId = b.triggerId;
        this.apiPrefix = b.apiPrefix;
        this.inputs = List.copyOf(b.inputs);
        this.format = b.format;
        this.chatbotOutput = b.chatbotOutput;
        this.models = List.copyOf(b.models);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliases));
        this.modelSelectors = Collections.unmodifiableMap(new LinkedHashMap<>(b.modelSelectors));
        this.defaultModel = b.defaultModel != null ? b.defaultModel : models.isEmpty() ? null : models.get(0);
        this.homepage = b.homepage != null ? b.homepage
                : url != null ? url : URI.create("https://huggingface.co/spaces/" + spaceId);
        this.working = b.working;
        this.serverSideHistory = b.serverSideHistory;
    }

    /**
     * A new builder.
     *
     * @param name the provider name, for example {@code "Qwen_Qwen_2_72B"} (letters, digits, {@code _ . -})
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The provider name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The human-readable label; the name unless set.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The app's base URL, when the spec names one instead of a Space id.
     *
     * @return the URL, or empty when {@link #spaceId()} is set
     */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The Hugging Face Space id ({@code owner/name}), resolved to its host at connection time.
     *
     * @return the Space id, or empty when {@link #url()} is set
     */
    public Optional<String> spaceId() {
        return Optional.ofNullable(spaceId);
    }

    /**
     * The Hugging Face endpoint used to resolve {@link #spaceId()}, when set on the builder; otherwise the
     * {@code HF_ENDPOINT} environment variable or {@code https://huggingface.co} applies.
     *
     * @return the endpoint, or empty for the default
     */
    public Optional<URI> huggingFaceEndpoint() {
        return Optional.ofNullable(huggingFaceEndpoint);
    }

    /**
     * The {@code api_name} of the chat endpoint, without a leading slash.
     *
     * @return the name, or empty when the endpoint is chosen by {@link #fnIndex()}
     */
    public Optional<String> apiName() {
        return Optional.ofNullable(apiName);
    }

    /**
     * The {@code fn_index} of the chat endpoint; used when {@link #apiName()} is empty or not found.
     *
     * @return the index, or empty
     */
    public OptionalInt fnIndex() {
        return fnIndex == null ? OptionalInt.empty() : OptionalInt.of(fnIndex);
    }

    /**
     * The {@code trigger_id} sent with the join.
     *
     * @return the component id, or empty to send {@code null}
     */
    public OptionalInt triggerId() {
        return triggerId == null ? OptionalInt.empty() : OptionalInt.of(triggerId);
    }

    /**
     * The API prefix forced by the spec ({@code ""} or {@code "/gradio_api"}).
     *
     * @return the prefix, or empty to take {@code api_prefix} from the app's {@code /config}
     */
    public Optional<String> apiPrefix() {
        return Optional.ofNullable(apiPrefix);
    }

    /**
     * One slot per input of the chat endpoint, in order.
     *
     * @return the slots
     */
    public List<InputSlot> inputs() {
        return inputs;
    }

    /**
     * The chatbot format: how history is sent and the reply read.
     *
     * @return the format
     */
    public ChatFormat format() {
        return format;
    }

    /**
     * The index of the output that holds the chatbot (or, for {@link ChatFormat#RESPONSE}, the reply).
     *
     * @return an output index
     */
    public int chatbotOutput() {
        return chatbotOutput;
    }

    /**
     * The model names, in order; empty when the app has no model choice.
     *
     * @return the models
     */
    public List<String> models() {
        return models;
    }

    /**
     * Alias to model name.
     *
     * @return the aliases
     */
    public Map<String, String> aliases() {
        return aliases;
    }

    /**
     * The default model: the one set, else the first model.
     *
     * @return the default model, or empty when the spec has no models
     */
    public Optional<String> defaultModel() {
        return Optional.ofNullable(defaultModel);
    }

    /**
     * A web page for the provider: the one set, else the app URL or the Space page.
     *
     * @return the page
     */
    public URI homepage() {
        return homepage;
    }

    /**
     * Whether the app is known to work; false keeps it out of default provider chains.
     *
     * @return the flag
     */
    public boolean working() {
        return working;
    }

    /**
     * Whether the app keeps history only in server-side State (so the conversation is flattened into the
     * prompt, and callers should tell the user so).
     *
     * @return the flag
     */
    public boolean serverSideHistory() {
        return serverSideHistory;
    }

    /**
     * Whether the conversation is flattened into the prompt: true when no input takes the history.
     *
     * @return the flag
     */
    public boolean flattensHistory() {
        return inputs.stream().noneMatch(InputSlot.History.class::isInstance);
    }

    /**
     * The model a requested name stands for: a model, an alias, or the default for null or blank.
     *
     * @param requested the requested model or alias, or null
     * @return the model name, or empty when the spec has no models and none was requested
     * @throws ModelNotFoundException when the name is neither a model nor an alias (the message lists the
     *                                valid names and the closest one)
     */
    public Optional<String> resolveModel(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.ofNullable(defaultModel);
        }
        if (models.contains(requested)) {
            return Optional.of(requested);
        }
        String target = aliases.get(requested);
        if (target != null) {
            return Optional.of(target);
        }
        List<String> valid = new ArrayList<>(models);
        valid.addAll(aliases.keySet());
        throw new ModelNotFoundException(ModelNames.notFoundMessage(requested, name, valid));
    }

    /**
     * The value the model selector input receives for a model: its mapped value, else the model name.
     *
     * @param model a model name of this spec
     * @return the selector value
     */
    public String selectorValue(String model) {
        return modelSelectors.getOrDefault(model, model);
    }

    @Override
    public String toString() {
        return "GradioChatSpec[" + name + ", " + (url != null ? url : spaceId) + ", "
                + (apiName != null ? "/" + apiName : "fn_index " + fnIndex) + ", " + format + "]";
    }

    /** Builds a {@link GradioChatSpec}; {@link #build()} checks the whole spec. */
    public static final class Builder {
        private final String name;
        private String label;
        private URI url;
        private String spaceId;
        private URI huggingFaceEndpoint;
        private String apiName;
        private Integer fnIndex;
        private Integer triggerId;
        private String apiPrefix;
        private final List<InputSlot> inputs = new ArrayList<>();
        private ChatFormat format;
        private int chatbotOutput = -1;
        private final List<String> models = new ArrayList<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final Map<String, String> modelSelectors = new LinkedHashMap<>();
        private String defaultModel;
        private URI homepage;
        private boolean working = true;
        private boolean serverSideHistory;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The human-readable label; default the name.
         *
         * @param label the label
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * The app's base URL ({@code http} or {@code https}); excludes {@link #spaceId(String)}.
         *
         * @param url the URL, for example {@code http://127.0.0.1:7860/}
         * @return this builder
         */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /**
         * The Hugging Face Space id; excludes {@link #url(URI)}.
         *
         * @param spaceId {@code owner/name}
         * @return this builder
         */
        public Builder spaceId(String spaceId) {
            this.spaceId = spaceId;
            return this;
        }

        /**
         * The Hugging Face endpoint that resolves Space ids; default the {@code HF_ENDPOINT} environment
         * variable, else {@code https://huggingface.co}. Tests point it at a fake.
         *
         * @param endpoint the endpoint's base URL
         * @return this builder
         */
        public Builder huggingFaceEndpoint(URI endpoint) {
            this.huggingFaceEndpoint = endpoint;
            return this;
        }

        /**
         * The chat endpoint's {@code api_name} ({@code "chat"} or {@code "/chat"}).
         *
         * @param apiName the name
         * @return this builder
         */
        public Builder apiName(String apiName) {
            this.apiName = apiName;
            return this;
        }

        /**
         * The chat endpoint's {@code fn_index}, used when no {@link #apiName(String)} is set or found.
         *
         * @param fnIndex the dependency id
         * @return this builder
         */
        public Builder fnIndex(int fnIndex) {
            this.fnIndex = fnIndex;
            return this;
        }

        /**
         * The {@code trigger_id} to send; default {@code null}.
         *
         * @param triggerId the component id
         * @return this builder
         */
        public Builder triggerId(int triggerId) {
            this.triggerId = triggerId;
            return this;
        }

        /**
         * Forces the API prefix instead of reading {@code api_prefix} from {@code /config}.
         *
         * @param apiPrefix {@code ""} or a path such as {@code "/gradio_api"}
         * @return this builder
         */
        public Builder apiPrefix(String apiPrefix) {
            this.apiPrefix = apiPrefix;
            return this;
        }

        /**
         * The input layout, one slot per input of the endpoint; replaces earlier slots.
         *
         * @param slots the slots, in order
         * @return this builder
         */
        public Builder inputs(InputSlot... slots) {
            return inputs(List.of(slots));
        }

        /**
         * The input layout, one slot per input of the endpoint; replaces earlier slots.
         *
         * @param slots the slots, in order
         * @return this builder
         */
        public Builder inputs(List<InputSlot> slots) {
            this.inputs.clear();
            this.inputs.addAll(slots);
            return this;
        }

        /**
         * The chatbot format.
         *
         * @param format the format
         * @return this builder
         */
        public Builder format(ChatFormat format) {
            this.format = format;
            return this;
        }

        /**
         * The index of the output holding the chatbot (or the reply, for {@link ChatFormat#RESPONSE}).
         *
         * @param index an output index
         * @return this builder
         */
        public Builder chatbotOutput(int index) {
            this.chatbotOutput = index;
            return this;
        }

        /**
         * Adds models, in order.
         *
         * @param names model names
         * @return this builder
         */
        public Builder models(String... names) {
            this.models.addAll(List.of(names));
            return this;
        }

        /**
         * Adds a model whose selector input takes a different value than its name.
         *
         * @param name          the model name users ask for
         * @param selectorValue the value the model selector input receives
         * @return this builder
         */
        public Builder model(String name, String selectorValue) {
            this.models.add(name);
            this.modelSelectors.put(name, selectorValue);
            return this;
        }

        /**
         * Adds an alias.
         *
         * @param alias the alias
         * @param model the model it stands for
         * @return this builder
         */
        public Builder alias(String alias, String model) {
            this.aliases.put(alias, model);
            return this;
        }

        /**
         * The default model; default the first model.
         *
         * @param model a model name
         * @return this builder
         */
        public Builder defaultModel(String model) {
            this.defaultModel = model;
            return this;
        }

        /**
         * A web page for the provider; default the app URL or the Space page.
         *
         * @param homepage the page
         * @return this builder
         */
        public Builder homepage(URI homepage) {
            this.homepage = homepage;
            return this;
        }

        /**
         * Whether the app is known to work; default true.
         *
         * @param working the flag
         * @return this builder
         */
        public Builder working(boolean working) {
            this.working = working;
            return this;
        }

        /**
         * Marks the app as keeping history only in server-side State: the conversation is flattened into the
         * prompt. Default false.
         *
         * @param serverSideHistory the flag
         * @return this builder
         */
        public Builder serverSideHistory(boolean serverSideHistory) {
            this.serverSideHistory = serverSideHistory;
            return this;
        }

        /**
         * Checks and builds the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException naming the first problem found and how to fix it
         */
        public GradioChatSpec build() {
            check(name != null && NAME.matcher(name).matches(), "the provider name '" + name
                    + "' must be non-empty and use only letters, digits, '_', '.' and '-'");
            check(url != null ^ spaceId != null, url == null
                    ? "set the app's url or its Space id" : "set either the url or the Space id, not both");
            if (url != null) {
                checkHttp(url, "url");
            } else {
                check(SPACE_ID.matcher(spaceId).matches(), "the Space id '" + spaceId
                        + "' must look like owner/name (letters, digits, '_', '-', '.')");
            }
            if (huggingFaceEndpoint != null) {
                checkHttp(huggingFaceEndpoint, "huggingFaceEndpoint");
            }
            if (apiName != null) {
                apiName = apiName.startsWith("/") ? apiName.substring(1) : apiName;
                check(!apiName.isBlank(), "the apiName is blank; give the endpoint's api_name or use fnIndex");
            }
            check(apiName != null || fnIndex != null, "choose the chat endpoint with apiName or fnIndex");
            check(fnIndex == null || fnIndex >= 0, "fnIndex must be 0 or more, got " + fnIndex);
            check(triggerId == null || triggerId >= 0, "triggerId must be 0 or more, got " + triggerId);
            check(apiPrefix == null || apiPrefix.isEmpty() || apiPrefix.startsWith("/") && !apiPrefix.endsWith("/"),
                    "apiPrefix must be \"\" or start with '/' and not end with '/', got '" + apiPrefix + "'");
            checkInputs();
            check(format != null, "set the chatbot format (TUPLES, MESSAGES, TYPED_MESSAGES, MGR or RESPONSE)");
            check(chatbotOutput >= 0, "set chatbotOutput, the index of the output that holds the chatbot");
            boolean historySlot = inputs.stream().anyMatch(InputSlot.History.class::isInstance);
            check(!(historySlot && format == ChatFormat.RESPONSE), "a RESPONSE-format endpoint "
                    + "(gr.ChatInterface /chat) keeps history server-side; remove the History slot");
            check(!(historySlot && serverSideHistory), "the app keeps history server-side, so a History slot "
                    + "would be ignored; remove it or unset serverSideHistory");
            checkModels();
            return new GradioChatSpec(this);
        }

        private void checkInputs() {
            check(!inputs.isEmpty(), "set the input layout: one InputSlot per input of the endpoint");
            List<InputSlot> all = new ArrayList<>();
            for (InputSlot slot : inputs) {
                check(slot != null, "an input slot is null; use InputSlot.nullValue() for a JSON null");
                flatten(slot, all);
            }
            long prompts = all.stream().filter(InputSlot.Prompt.class::isInstance).count();
            check(prompts == 1, "the input layout needs exactly one Prompt slot, found " + prompts);
            long histories = inputs.stream().filter(InputSlot.History.class::isInstance).count();
            check(histories <= 1, "the input layout has " + histories + " History slots; keep one");
            check(all.stream().filter(InputSlot.History.class::isInstance).count() == histories,
                    "a History slot must be a top-level input, not a field of a Dict slot");
            check(all.stream().noneMatch(InputSlot.ModelSelector.class::isInstance) || !models.isEmpty(),
                    "the input layout has a ModelSelector slot but no models; add models");
        }

        private static void flatten(InputSlot slot, List<InputSlot> into) {
            into.add(slot);
            if (slot instanceof InputSlot.Dict dict) {
                dict.fields().values().forEach(s -> flatten(s, into));
            }
        }

        private void checkModels() {
            check(new LinkedHashSet<>(models).size() == models.size(), "the models list has duplicates: " + models);
            for (String m : models) {
                check(m != null && !m.isBlank(), "a model name is blank");
            }
            check(defaultModel == null || models.contains(defaultModel),
                    "the default model '" + defaultModel + "' is not among the models " + models);
            aliases.forEach((alias, model) -> {
                check(alias != null && !alias.isBlank(), "an alias is blank");
                check(!models.contains(alias), "the alias '" + alias + "' is also a model name; drop one");
                check(models.contains(model), "the alias '" + alias + "' points to '" + model
                        + "', which is not among the models " + models);
            });
        }

        private static void checkHttp(URI uri, String what) {
            String scheme = uri.getScheme();
            check(uri.isAbsolute() && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null, what + " must be an absolute http or https URL, got '" + uri + "'");
            check(uri.getRawUserInfo() == null, what + " must not carry user info; pass a token separately");
        }

        private static void check(boolean ok, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("Invalid Gradio chat spec: " + problem);
            }
        }
    }

    /**
     * Whether a reference looks like a Hugging Face Space id, as the official clients test it.
     *
     * @param reference a URL or a Space id
     * @return true for {@code owner/name}
     */
    public static boolean isSpaceId(String reference) {
        return reference != null && SPACE_ID.matcher(reference.strip()).matches();
    }
}
