package dev.g4j.openai.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link OpenAiSimulator} until the process is stopped.
 *
 * <pre>
 * java -cp ... dev.g4j.openai.testkit.OpenAiSimulatorMain --port 8000 --answer "Hi there" --token-delay-ms 20
 * </pre>
 *
 * Options: {@code --port N}, {@code --answer TEXT}, {@code --reasoning TEXT}, {@code --models a,b},
 * {@code --api-key-env NAME} (the variable holding the key to require), {@code --token-delay-ms N}, {@code --crlf},
 * {@code --keep-alive}, {@code --any-model}.
 */
public final class OpenAiSimulatorMain {
    private OpenAiSimulatorMain() {
    }

    /**
     * Starts the simulator and prints its base URL.
     *
     * @param args the options above
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        OpenAiSimulator.Builder b = OpenAiSimulator.builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(Integer.parseInt(value(args, ++i, a)));
                case "--answer" -> b.answer(value(args, ++i, a));
                case "--reasoning" -> b.reasoning(value(args, ++i, a));
                case "--models" -> b.models(Arrays.asList(value(args, ++i, a).split(",")));
                case "--api-key-env" -> {
                    String name = value(args, ++i, a);
                    String key = System.getenv(name);
                    if (key == null || key.isBlank()) {
                        throw new IllegalArgumentException("Environment variable " + name + " is not set");
                    }
                    b.apiKey(key.strip());
                }
                case "--token-delay-ms" -> b.tokenDelay(Duration.ofMillis(Long.parseLong(value(args, ++i, a))));
                case "--crlf" -> b.crlf(true);
                case "--keep-alive" -> b.keepAliveComments(true);
                case "--any-model" -> b.acceptAnyModel(true);
                default -> throw new IllegalArgumentException("Unknown option " + a
                        + "; use --port, --answer, --reasoning, --models, --api-key-env, --token-delay-ms, --crlf, --keep-alive, --any-model");
            }
        }
        OpenAiSimulator sim = b.start();
        System.out.println("OpenAI simulator listening at " + sim.baseUrl());
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        forever.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
