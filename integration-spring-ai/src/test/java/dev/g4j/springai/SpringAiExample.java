package dev.g4j.springai;

import dev.g4j.gradio.testkit.GradioSimulator;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A Spring Boot application whose {@link ChatClient} runs on g4j, runnable offline: without an argument it starts
 * the Gradio simulator on loopback and sets {@code g4j.base-url} to it; with a base URL it uses that endpoint.
 * The application itself has no g4j code: the dependency and the properties are all it takes.
 *
 * <pre>{@code
 * mvn -q -pl integration-spring-ai -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "integration-spring-ai/target/test-classes:integration-spring-ai/target/classes:$(cat integration-spring-ai/target/cp.txt)" \
 *     dev.g4j.springai.SpringAiExample [BASE_URL]
 * }</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SpringAiExample {

    /** Made by Spring. */
    public SpringAiExample() {
    }

    /**
     * Asks one question, then streams the answer to another.
     *
     * @param args an optional base URL of a Qwen 2.5 Space or mirror
     */
    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : null, System.out);
    }

    static void run(String baseUrl, PrintStream out) {
        try (GradioSimulator simulator = baseUrl == null ? GradioSimulator.builder().start() : null;
             ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringAiExample.class)
                     .web(WebApplicationType.NONE)
                     .properties("g4j.base-url=" + (simulator != null ? simulator.baseUrl() : baseUrl),
                             "g4j.total-timeout=60s")
                     .run()) {
            ChatClient chatClient = context.getBean(ChatClient.Builder.class)
                    .defaultSystem("You are a terse assistant.").build();

            out.println("answer: " + chatClient.prompt("What is g4j?").call().content());
            out.print("stream: ");
            chatClient.prompt("Say hello").stream().content().doOnNext(out::print).blockLast(Duration.ofSeconds(60));
            out.println();
        }
    }
}
