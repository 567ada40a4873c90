package dev.g4j.provider.qwen25;

import dev.g4j.gradio.GradioComponent;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.gradio.GradioDependency;
import dev.g4j.gradio.GradioEndpoint;

import java.util.Locale;
import java.util.Optional;

/**
 * The Space's {@code model_chat} function as the provider calls it: the endpoint for {@code queue/join}, how to lay
 * out the inputs, and which output is the chatbot.
 *
 * @param endpoint fn_index, trigger_id, api prefix and protocol
 * @param layout the order of the inputs
 * @param chatbotOutput the position of the chatbot among the outputs
 * @param discovered false when the published ids were assumed because {@code /config} could not be read
 */
record QwenEndpoint(GradioEndpoint endpoint, InputLayout layout, int chatbotOutput, boolean discovered) {

    /** The api name Gradio gives the input textbox's submit event. */
    static final String API_NAME = "model_chat";
    /** The fn_index of {@code textbox.submit(model_chat)} in the published Space. */
    static final int PUBLISHED_FN_INDEX = 3;
    /** The id of the input textbox in the published Space, sent as trigger_id. */
    static final int PUBLISHED_TRIGGER_ID = 25;
    /** The chatbot is the second output in the published Space: {@code [textbox, chatbot, system_input]}. */
    static final int PUBLISHED_CHATBOT_OUTPUT = 1;

    /** The published ids, for a Space whose {@code /config} cannot be read; Gradio 4 routes (no api prefix). */
    static QwenEndpoint published(String apiPrefix) {
        return new QwenEndpoint(GradioEndpoint.of(PUBLISHED_FN_INDEX, PUBLISHED_TRIGGER_ID, apiPrefix), InputLayout.PUBLISHED,
                PUBLISHED_CHATBOT_OUTPUT, false);
    }

    /**
     * Finds {@code model_chat} in the config: by api name; else the dependency fired by the submit event of the
     * textbox labelled "Input"; else the one fired by submitting component {@value #PUBLISHED_TRIGGER_ID}; else the
     * published ids with the config's api prefix.
     */
    static QwenEndpoint discover(GradioConfig config) {
        Optional<GradioEndpoint> found = config.endpointByApiName(API_NAME)
                .or(() -> inputTextbox(config).flatMap(id -> config.endpointByTrigger(id, "submit")))
                .or(() -> config.endpointByTrigger(PUBLISHED_TRIGGER_ID, "submit"));
        if (found.isEmpty() || found.get().dependency() == null) {
            return published(config.apiPrefix());
        }
        GradioEndpoint endpoint = found.get();
        GradioDependency dependency = endpoint.dependency();
        return new QwenEndpoint(endpoint, InputLayout.of(config, dependency), chatbotOutput(config, dependency), true);
    }

    private static Optional<Integer> inputTextbox(GradioConfig config) {
        for (GradioComponent c : config.components().values()) {
            if (c.type().equalsIgnoreCase("textbox") && "Input".equals(c.props().path("label").asText(null))) {
                return Optional.of(c.id());
            }
        }
        return Optional.empty();
    }

    private static int chatbotOutput(GradioConfig config, GradioDependency dependency) {
        for (int i = 0; i < dependency.outputs().size(); i++) {
            GradioComponent c = config.components().get(dependency.outputs().get(i));
            if (c != null && c.type().toLowerCase(Locale.ROOT).contains("chatbot")) {
                return i;
            }
        }
        return PUBLISHED_CHATBOT_OUTPUT;
    }
}
