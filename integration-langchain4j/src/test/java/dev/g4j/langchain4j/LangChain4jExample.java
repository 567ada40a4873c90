package dev.g4j.langchain4j;

import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.provider.api.ProviderOptions;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A LangChain4j AI service over g4j, runnable offline: without an argument it starts the Gradio simulator on
 * loopback and points the Qwen 2.5 provider at it; with a base URL it uses that endpoint instead.
 *
 * <pre>{@code
 * mvn -q -pl integration-langchain4j -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "integration-langchain4j/target/test-classes:integration-langchain4j/target/classes:$(cat integration-langchain4j/target/cp.txt)" \
 *     dev.g4j.langchain4j.LangChain4jExample [BASE_URL]
 * }</pre>
 */
public final class LangChain4jExample {

    /** The AI service: LangChain4j implements it over the g4j models. */
    interface Assistant {
        @SystemMessage("You are a terse assistant.")
        String answer(String question);

        TokenStream stream(String question);
    }

    private LangChain4jExample() {
    }

    /**
     * Asks one question, then streams the answer to another.
     *
     * @param args an optional base URL of a Qwen 2.5 Space or mirror
     * @throws Exception when the answer fails
     */
    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? args[0] : null, System.out);
    }

    static void run(String baseUrl, PrintStream out) throws Exception {
        try (GradioSimulator simulator = baseUrl == null ? GradioSimulator.builder().start() : null) {
            ProviderOptions options = ProviderOptions.builder()
                    .baseUrl(simulator != null ? simulator.baseUrl() : baseUrl).build();
            // "Provider:" pins the Qwen 2.5 provider (its default model): a base URL is that one provider's endpoint.
            try (G4jChatModel chat = G4jChatModel.builder().model("Qwen_Qwen_2_5:").options(options).build();
                 G4jStreamingChatModel streaming = G4jStreamingChatModel.builder().model("Qwen_Qwen_2_5:")
                         .options(options).build()) {
                Assistant assistant = AiServices.builder(Assistant.class).chatModel(chat)
                        .streamingChatModel(streaming).build();

                out.println("answer: " + assistant.answer("What is g4j?"));

                CompletableFuture<ChatResponse> done = new CompletableFuture<>();
                out.print("stream: ");
                assistant.stream("Say hello").onPartialResponse(out::print).onCompleteResponse(done::complete)
                        .onError(done::completeExceptionally).start();
                ChatResponse response = done.get(60, TimeUnit.SECONDS);
                out.println();
                out.println("model: " + response.modelName() + ", finish: " + response.finishReason());
            }
        }
    }
}
