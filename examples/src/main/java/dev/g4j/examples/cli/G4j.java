package dev.g4j.examples.cli;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code g4j} command: one answer for a prompt, or an interactive chat. Run {@code g4j --help} for the usage.
 *
 * <p>Start-up does only what the request needs: {@code --help} and {@code --version} touch neither the registry
 * nor the network, and the simulator starts only for {@code --demo}.
 */
public final class G4j {
    private final Terminal term;
    private final PrintStream out;
    private final PrintStream err;
    private boolean debug;
    private boolean proxied;
    private AnswerPrinter printer;

    G4j(Terminal term) {
        this.term = term;
        this.out = term.out();
        this.err = term.err();
    }

    public static void main(String[] args) {
        if (args.length > 0 && "serve".equals(args[0])) {
            // Only this branch loads the gateway; 'g4j -- serve' sends the word as a prompt.
            dev.g4j.examples.serve.ServeCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Terminal term = Terminal.system();
        int code = new G4j(term).run(args);
        term.out().flush();
        term.err().flush();
        // Provider threads (a Vert.x event loop) must not keep the process alive once the answer is out.
        System.exit(code);
    }

    /** Runs the command; returns the exit code. */
    int run(String... args) {
        CliOptions options;
        try {
            options = ArgParser.parse(args);
        } catch (UsageException e) {
            err.println("g4j: " + TerminalText.safeLine(e.getMessage()));
            err.println("Run 'g4j --help' for usage.");
            return ExitCode.USAGE;
        }
        debug = options.debug();
        proxied = options.proxy() != null;
        switch (options.command()) {
            case HELP -> {
                out.print(Usage.text());
                out.flush();
                return ExitCode.OK;
            }
            case VERSION -> {
                out.println("g4j " + Usage.version() + " (Java " + Runtime.version().feature() + ")");
                out.flush();
                return ExitCode.OK;
            }
            default -> {
            }
        }
        Logging.configure(options.debug());
        Interrupts interrupts = Interrupts.install(() -> {
            err.println();
            err.flush();
            out.flush();
            System.exit(ExitCode.INTERRUPTED);
        });
        try {
            return execute(options, interrupts);
        } catch (OutputClosedException e) {
            return ExitCode.OK;
        } catch (RuntimeException e) {
            return fail(Failure.of(e));
        }
    }

    private int execute(CliOptions options, Interrupts interrupts) {
        boolean chat = false;
        String prompt = options.prompt();
        PromptReader stdin = null;
        if (options.command() == Command.CHAT) {
            long promptLimit = PromptReader.limit();
            PromptReader.check(prompt, promptLimit);
            stdin = new PromptReader(term.in(), term.charset(), promptLimit);
        }
        if (options.command() == Command.CHAT && prompt == null) {
            if (options.interactive() || term.interactive() && !options.readStdin()) {
                chat = true;
            } else {
                // "echo question | g4j" ends the prompt with a line break that is not part of the question.
                prompt = stdin.readAll().stripTrailing();
                if (prompt.isBlank()) {
                    throw new UsageException("No prompt: give it as arguments (g4j \"Why is the sky blue?\") or on standard input");
                }
            }
        }

        // Made before anything can fail, so that --json reports every error as a JSON object too.
        printer = new AnswerPrinter(out, new StatusLine(err, term.interactive()), options.output(), term.stdoutTerminal());

        Plugins plugins = Plugins.discover();
        plugins.warnings().forEach(w -> err.println("g4j: warning: " + TerminalText.safeLine(w)));
        ClassLoader loader = plugins.classLoader(G4j.class.getClassLoader());

        try (DemoServer demo = options.demo() && options.command() == Command.CHAT ? startDemo() : null;
             ProviderRegistry registry = ProviderRegistry.load(loader)) {
            if (debug) {
                registry.failures().forEach(f -> err.println("g4j: debug: " + TerminalText.safeLine(f.describe())));
            }
            switch (options.command()) {
                case LIST_PROVIDERS -> {
                    Listings.providers(registry, plugins, out);
                    return ExitCode.OK;
                }
                case LIST_MODELS -> {
                    Listings.models(registry, out);
                    return ExitCode.OK;
                }
                default -> {
                }
            }

            String providerName = options.provider() != null ? options.provider() : demo != null ? DemoServer.PROVIDER : null;
            Target target;
            try {
                target = Target.resolve(registry, providerName, options.model());
            } catch (ModelNotFoundException | ProviderNotFoundException e) {
                throw withLoadFailures(e, registry);
            }
            ProviderOptions providerOptions = options.providerOptions(demo != null ? demo.baseUrl() : options.baseUrl());
            Asker asker = new Asker(registry, providerOptions, printer, interrupts);

            if (chat) {
                return new ChatSession(stdin, err, asker, registry, target, providerName, options.system(), this::report).run();
            }
            Messages messages = options.system() == null
                    ? Messages.ofUser(prompt)
                    : Messages.of(Message.system(options.system()), Message.user(prompt));
            asker.ask(target, messages);
            return ExitCode.OK;
        }
    }

    private DemoServer startDemo() {
        DemoServer demo = DemoServer.start();
        err.println("g4j: demo mode: the answers are SIMULATED by a local copy of the Qwen 2.5 Space protocol at "
                + demo.baseUrl() + "; no real model is involved.");
        return demo;
    }

    /** Tells a user who asked for a missing model that some providers did not load, which may be why. */
    private static RuntimeException withLoadFailures(RuntimeException e, ProviderRegistry registry) {
        int n = registry.failures().size();
        if (n == 0) {
            return e;
        }
        String note = " (" + n + (n == 1 ? " provider" : " providers") + " failed to load; see g4j --list-providers)";
        RuntimeException wrapped = e instanceof ModelNotFoundException
                ? new ModelNotFoundException(e.getMessage() + note, e)
                : new ProviderNotFoundException(e.getMessage() + note, e);
        return wrapped;
    }

    private int fail(Failure failure) {
        if (proxied) {
            failure = failure.behindProxy();
        }
        if (printer != null) {
            printer.error(failure.exitCode(), failure.cause(), failure.message());
        }
        report(failure);
        return failure.exitCode();
    }

    private void report(Failure failure) {
        if (proxied) {
            failure = failure.behindProxy();
        }
        out.flush();
        err.println("g4j: " + TerminalText.clean(failure.message()));
        if (debug && failure.cause() != null) {
            StringWriter trace = new StringWriter();
            failure.cause().printStackTrace(new PrintWriter(trace));
            err.print(TerminalText.safeLine(trace.toString()));
        }
        err.flush();
    }
}
