package dev.g4j.examples.cli;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The interactive chat: reads a line, sends it with the conversation so far, prints the answer, and keeps both in
 * the history. Lines starting with {@code /} are commands. Prompts and notes go to standard error, so standard
 * output holds the answers alone.
 */
final class ChatSession {
    static final String COMMANDS = """
            /help          this list
            /reset         forget the conversation (the system prompt stays)
            /system TEXT   set the system prompt; /system alone removes it
            /model NAME    switch model (PROVIDER:MODEL pins a provider); /model alone shows it
            /exit          leave (Ctrl-D too); Ctrl-C cancels an answer
            """;

    private final PromptReader in;
    private final PrintStream err;
    private final Asker asker;
    private final ProviderRegistry registry;
    private final String providerName;
    private final Consumer<Failure> report;
    private final List<Message> turns = new ArrayList<>();
    private Target target;
    private String system;

    /**
     * @param providerName the provider given with {@code -p}, kept when the model changes; or null
     * @param report prints a failed turn
     */
    ChatSession(PromptReader in, PrintStream err, Asker asker, ProviderRegistry registry, Target target,
                String providerName, String system, Consumer<Failure> report) {
        this.in = in;
        this.err = err;
        this.asker = asker;
        this.registry = registry;
        this.target = target;
        this.providerName = providerName;
        this.system = system;
        this.report = report;
    }

    /** Runs until /exit or end of input; returns the exit code. */
    int run() {
        err.println("g4j chat with " + target.describe() + ". Type /help for commands, /exit or Ctrl-D to leave.");
        while (true) {
            err.print("> ");
            err.flush();
            String line;
            try {
                line = in.readLine();
            } catch (UsageException e) {
                report.accept(Failure.of(e));
                continue;
            }
            if (line == null) {
                err.println();
                return ExitCode.OK;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("/")) {
                if (!command(line)) {
                    return ExitCode.OK;
                }
                continue;
            }
            turn(line);
        }
    }

    /** The history sent with the next prompt: the system prompt, then the earlier turns. */
    List<Message> history() {
        List<Message> all = new ArrayList<>();
        if (system != null) {
            all.add(Message.system(system));
        }
        all.addAll(turns);
        return all;
    }

    private void turn(String prompt) {
        List<Message> messages = history();
        messages.add(Message.user(prompt));
        try {
            String answer = asker.ask(target, Messages.of(messages));
            // An empty answer cannot be a message; dropping the whole turn keeps user and assistant alternating.
            if (!answer.isEmpty()) {
                turns.add(Message.user(prompt));
                turns.add(Message.assistant(answer));
            }
        } catch (CancellationException e) {
            err.println("(cancelled; this exchange is not kept in the conversation)");
        } catch (OutputClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            report.accept(Failure.of(e));
        }
    }

    /** Runs a command; false means leave. */
    private boolean command(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String arg = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/help", "/?" -> err.print(COMMANDS);
            case "/reset" -> {
                turns.clear();
                err.println("Conversation cleared" + (system == null ? "." : "; the system prompt stays."));
            }
            case "/system" -> {
                system = arg.isEmpty() ? null : arg;
                err.println(system == null ? "System prompt removed." : "System prompt set.");
            }
            case "/model" -> {
                if (arg.isEmpty()) {
                    err.println("Model: " + target.describe());
                } else {
                    try {
                        target = Target.resolve(registry, arg.contains(":") ? null : providerName, arg);
                        err.println("Now chatting with " + target.describe() + ".");
                    } catch (RuntimeException e) {
                        report.accept(Failure.of(e));
                    }
                }
            }
            default -> err.println("Unknown command " + name + ". Commands:\n" + COMMANDS.stripTrailing());
        }
        return true;
    }
}
