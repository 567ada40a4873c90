package dev.g4j.provider.gradiochat.internal;

import java.util.List;
import java.util.Objects;

/** The outcome of {@link ChatEndpointDetector#detect}: a chat endpoint, or the endpoints the app has instead. */
public sealed interface EndpointDetection {

    /**
     * A chat-shaped endpoint was found.
     *
     * @param chat the endpoint and how to call it
     */
    record Found(DetectedChat chat) implements EndpointDetection {
        /**
         * Checks the required parts.
         *
         * @param chat see the record component
         */
        public Found {
            Objects.requireNonNull(chat, "chat");
        }
    }

    /**
     * No endpoint is chat-shaped.
     *
     * @param endpoints the app's endpoints with a Python function, for example {@code "/predict (fn_index 0)"}
     */
    record NotFound(List<String> endpoints) implements EndpointDetection {
        /**
         * Copies the list.
         *
         * @param endpoints see the record component
         */
        public NotFound {
            endpoints = List.copyOf(endpoints);
        }

        /**
         * A message for a typed error: that the app has no chat endpoint, which endpoints it has, and what to do.
         *
         * @param app the app's URL or Space id, for the message
         * @return the message
         */
        public String message(String app) {
            String listed = endpoints.isEmpty() ? "none with a Python function" : String.join(", ", endpoints);
            return "The Gradio app " + app + " has no chat-shaped endpoint (a textbox in and a chatbot out, or "
                    + "gr.ChatInterface's /chat); its endpoints: " + listed + ". Describe the endpoint and its "
                    + "inputs in a spec (apiName or fnIndex, input slots, format, chatbot output) to use it.";
        }
    }
}
