package dev.g4j.examples.serve;

import dev.g4j.gateway.G4jGateway;
import dev.g4j.gradio.testkit.ChatRequest;
import dev.g4j.gradio.testkit.GradioSimulator;
import dev.g4j.gradio.testkit.ReplyFunction;
import dev.g4j.gradio.testkit.SimulatedApp;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code g4j serve}: the OpenAI-compatible gateway on the command line. The CLI hands over to {@link #main} when
 * its first argument is {@code serve}, so a plain chat never loads the gateway's classes.
 */
public final class ServeCommand {
    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int USAGE = 2;

    private ServeCommand() {
    }

    /**
     * Runs {@code g4j serve} until the process is stopped (Ctrl-C).
     *
     * @param args the arguments after {@code serve}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Parses, starts and waits for the end of the process.
     *
     * @param args the arguments after {@code serve}
     * @param env the environment
     * @param out gets the one line with the base URL
     * @param err gets the messages for the user
     * @return the exit code when the server could not start or only the help was asked for
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServeOptions options;
        try {
            options = ServeOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("g4j: " + e.getMessage());
            err.println("Run 'g4j serve --help' for usage.");
            return USAGE;
        }
        if (options.help()) {
            out.print(ServeOptions.USAGE);
            out.flush();
            return OK;
        }
        configureLogging(options.debug());
        Server server;
        try {
            server = Server.start(options, err);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("g4j: " + e.getMessage());
            return FAILED;
        }
        out.println("g4j: serving the OpenAI API at " + server.baseUrl());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "g4j-serve-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /** Library logging stays off standard error unless --debug, like the chat command. */
    private static void configureLogging(boolean debug) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        if (debug) {
            ConsoleHandler handler = new ConsoleHandler();
            handler.setLevel(Level.FINE);
            root.addHandler(handler);
            root.setLevel(Level.FINE);
            Logger.getLogger("io.netty").setLevel(Level.INFO);
            Logger.getLogger("jdk").setLevel(Level.INFO);
            Logger.getLogger("sun").setLevel(Level.INFO);
        } else {
            root.setLevel(Level.OFF);
        }
    }

    /** A running gateway with what it owns: the registry and, for --demo, the simulator. */
    static final class Server implements AutoCloseable {
        private final G4jGateway gateway;
        private final ProviderRegistry registry;
        private final AutoCloseable[] owned;
        private final URI baseUrl;

        private Server(G4jGateway gateway, ProviderRegistry registry, URI baseUrl, AutoCloseable... owned) {
            this.gateway = gateway;
            this.registry = registry;
            this.baseUrl = baseUrl;
            this.owned = owned;
        }

        static Server start(ServeOptions options, PrintStream err) {
            GradioSimulator simulator = null;
            Qwen25Provider demoProvider = null;
            ProviderRegistry registry;
            ProviderOptions providerOptions = ProviderOptions.defaults();
            if (options.demo()) {
                simulator = GradioSimulator.builder().app(SimulatedApp.qwen25()).replyFunction(Server::demoReply)
                        .tokenDelay(Duration.ofMillis(30)).start();
                demoProvider = new Qwen25Provider();
                registry = ProviderRegistry.builder().useDefaultClassLoaders(false).add(demoProvider).build();
                providerOptions = ProviderOptions.builder().baseUrl(simulator.baseUrl()).build();
                err.println("g4j: demo mode: the answers are SIMULATED by a local copy of the Qwen 2.5 Space protocol at "
                        + simulator.baseUrl() + "; no real model is involved.");
            } else {
                registry = ProviderRegistry.load(ServeCommand.class.getClassLoader());
            }
            try {
                G4jGateway gateway = G4jGateway.builder(registry)
                        .host(options.host())
                        .port(options.port())
                        .apiKey(options.apiKey() == null ? null : Secret.of(options.apiKey()))
                        .corsOrigin(options.corsOrigin())
                        .allowCallerUrls(options.allowCallerUrls())
                        .maxConcurrentStreams(options.maxStreams())
                        .providerOptions(providerOptions)
                        .build();
                URI base = gateway.start();
                return new Server(gateway, registry, base, demoProvider, simulator);
            } catch (RuntimeException e) {
                registry.close();
                if (demoProvider != null) {
                    demoProvider.close();
                }
                if (simulator != null) {
                    simulator.close();
                }
                throw e;
            }
        }

        private static List<String> demoReply(ChatRequest request) {
            return ReplyFunction.splitWords("[simulated] You said: \"" + request.prompt().strip()
                    + "\". (No model is running: this is g4j's local simulator of the Qwen 2.5 Space.)");
        }

        URI baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() {
            gateway.close();
            registry.close();
            for (AutoCloseable c : owned) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // Shutting down: nothing left to tell.
                    }
                }
            }
        }
    }
}
