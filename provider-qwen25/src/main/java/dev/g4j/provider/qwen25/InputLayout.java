package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.gradio.GradioComponent;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.gradio.GradioDependency;
import dev.g4j.gradio.GradioTrigger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where each part of a {@link Qwen25Request} goes in the {@code data} array of {@code model_chat}, which follows the
 * dependency's {@code inputs}. Inputs the provider has no value for are sent with the component's initial value.
 *
 * @param prompt the position of the input textbox
 * @param history the position of the chatbot
 * @param system the position of the hidden system-prompt textbox
 * @param model the position of the hidden model radio
 * @param defaults the value for every position ({@code null} entries for the four above)
 */
record InputLayout(int prompt, int history, int system, int model, List<JsonNode> defaults) {

    /** The Space as published: {@code [textbox, chatbot, system_state, radio]}. */
    static final InputLayout PUBLISHED = new InputLayout(0, 1, 2, 3, Arrays.asList(null, null, null, null));

    InputLayout {
        defaults = Collections.unmodifiableList(new ArrayList<>(defaults));
    }

    /**
     * Classifies the inputs of {@code dependency} by component type: the chatbot is the history, the radio (or
     * dropdown) the model; of the textboxes, the one whose {@code submit} fires the dependency is the prompt (else
     * the first), and the next one the system prompt. Falls back to {@link #PUBLISHED} when that does not find all
     * four.
     */
    static InputLayout of(GradioConfig config, GradioDependency dependency) {
        List<Integer> inputs = dependency.inputs();
        int prompt = -1;
        int history = -1;
        int system = -1;
        int model = -1;
        List<Integer> textboxes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            GradioComponent c = config.components().get(inputs.get(i));
            String type = c == null ? "" : c.type().toLowerCase(Locale.ROOT);
            if (type.contains("chatbot") && history < 0) {
                history = i;
            } else if ((type.equals("radio") || type.equals("dropdown")) && model < 0) {
                model = i;
            } else if (type.equals("textbox")) {
                textboxes.add(i);
                if (prompt < 0 && firesOnSubmit(dependency, inputs.get(i))) {
                    prompt = i;
                }
            }
        }
        for (int i : textboxes) {
            if (prompt < 0) {
                prompt = i;
            } else if (system < 0 && i != prompt) {
                system = i;
            }
        }
        if (prompt < 0 || history < 0 || system < 0 || model < 0) {
            return PUBLISHED;
        }
        List<JsonNode> defaults = new ArrayList<>();
        for (Integer id : inputs) {
            defaults.add(config.defaultValue(id));
        }
        return new InputLayout(prompt, history, system, model, defaults);
    }

    /** The {@code data} array for {@code request}. */
    List<Object> data(Qwen25Request request) {
        List<Object> data = new ArrayList<>(defaults);
        data.set(prompt, request.prompt());
        data.set(history, request.historyPairs());
        data.set(system, request.systemPrompt());
        data.set(model, request.model().radioValue());
        return data;
    }

    private static boolean firesOnSubmit(GradioDependency dependency, int componentId) {
        for (GradioTrigger t : dependency.targets()) {
            if (t.componentId() == componentId && "submit".equals(t.event())) {
                return true;
            }
        }
        return false;
    }
}
