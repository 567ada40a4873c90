package dev.g4j.examples.cli;

import dev.g4j.provider.api.ModelNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the command line of {@code g4j}. Options may come before or after the prompt; {@code --name=value} and
 * {@code --name value} both work, and so does {@code -mNAME}; {@code --} ends the options. The words of the
 * prompt are joined with single spaces, so quoting it is optional.
 */
public final class ArgParser {

    private ArgParser() {
    }

    /**
     * @throws UsageException when an option is unknown, lacks its value, has a bad value, or clashes with another
     */
    public static CliOptions parse(String... args) {
        Command command = Command.CHAT;
        List<String> words = new ArrayList<>();
        boolean readStdin = false;
        String model = null;
        String provider = null;
        String system = null;
        String baseUrl = null;
        String proxy = null;
        String upstreamKeyEnv = null;
        Duration timeout = null;
        boolean noStream = false;
        boolean json = false;
        boolean demo = false;
        boolean debug = false;
        boolean interactive = false;

        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-")) {
                words.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("-")) {
                readStdin = true;
                continue;
            }
            String name = arg;
            String inline = null;
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
            } else if (arg.length() > 2) {
                name = arg.substring(0, 2);
                inline = arg.substring(2);
            }
            switch (name) {
                case "-m", "--model" -> model = nonBlank(name, inline != null ? inline : value(args, ++i, name));
                case "-p", "--provider" -> provider = nonBlank(name, inline != null ? inline : value(args, ++i, name));
                case "-s", "--system" -> system = nonBlank(name, inline != null ? inline : value(args, ++i, name));
                case "--base-url" -> baseUrl = nonBlank(name, inline != null ? inline : value(args, ++i, name));
                case "--proxy" -> proxy = nonBlank(name, inline != null ? inline : value(args, ++i, name));
                case "--upstream-key-env" -> upstreamKeyEnv = variableName(name, inline != null ? inline : value(args, ++i, name));
                case "--timeout" -> timeout = seconds(name, inline != null ? inline : value(args, ++i, name));
                default -> {
                    if (inline != null) {
                        if (arg.startsWith("--")) {
                            throw new UsageException("Option " + name + " takes no value (got '" + arg + "')");
                        }
                        throw new UsageException("Unknown option '" + arg + "'");
                    }
                    switch (name) {
                        case "--no-stream" -> noStream = true;
                        case "--json" -> json = true;
                        case "--list-providers" -> command = pick(command, Command.LIST_PROVIDERS, arg);
                        case "--list-models" -> command = pick(command, Command.LIST_MODELS, arg);
                        case "--demo" -> demo = true;
                        case "--debug" -> debug = true;
                        case "--interactive" -> interactive = true;
                        case "--version", "-V" -> command = pick(command, Command.VERSION, arg);
                        case "--help", "-h" -> command = pick(command, Command.HELP, arg);
                        default -> throw new UsageException("Unknown option '" + arg + "'" + suggestion(arg));
                    }
                }
            }
        }

        // Help wins over everything else on the line, as users add it to a half-written command.
        if (command == Command.HELP || command == Command.VERSION) {
            return new CliOptions(command, null, false, model, provider, system, baseUrl, proxy, upstreamKeyEnv, timeout,
                    OutputMode.STREAM, demo, debug, interactive);
        }
        String prompt = words.isEmpty() ? null : String.join(" ", words);
        if (command != Command.CHAT && (prompt != null || readStdin)) {
            throw new UsageException(optionName(command) + " takes no PROMPT (got '" + (prompt != null ? prompt : "-") + "')");
        }
        if (prompt != null && prompt.isBlank()) {
            throw new UsageException("The PROMPT is empty; write a question, or leave it out to chat");
        }
        if (prompt != null && readStdin) {
            throw new UsageException("Give the PROMPT as arguments or as '-' (read from standard input), not both");
        }
        if (json && noStream) {
            throw new UsageException("--json and --no-stream cannot be combined: --json already lets a script take the final chunk");
        }
        if (interactive && (prompt != null || readStdin)) {
            throw new UsageException("--interactive starts a chat and takes no PROMPT");
        }
        if (demo && baseUrl != null) {
            throw new UsageException("--demo and --base-url cannot be combined: --demo sets the base URL to its local simulator");
        }
        if (demo && proxy != null) {
            throw new UsageException("--demo and --proxy cannot be combined: the demo simulator runs on this machine");
        }
        OutputMode output = json ? OutputMode.JSON : noStream ? OutputMode.FINAL : OutputMode.STREAM;
        CliOptions options = new CliOptions(command, prompt, readStdin, model, provider, system, baseUrl, proxy, upstreamKeyEnv, timeout,
                output, demo, debug, interactive);
        try {
            options.providerOptions();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return options;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new UsageException("Option " + name + " needs a value" + example(name));
        }
        String v = args[i];
        // "-m --json" is far more likely a forgotten value than a model called "--json".
        if (v.startsWith("--") && v.length() > 2) {
            throw new UsageException("Option " + name + " needs a value, but the next word is the option '" + v + "'" + example(name));
        }
        return v;
    }

    private static String nonBlank(String name, String v) {
        if (v.isBlank()) {
            throw new UsageException("Option " + name + " needs a non-empty value" + example(name));
        }
        return v.strip();
    }

    /** A variable name, never a key pasted by mistake: that would end up in shell history and in this message. */
    private static String variableName(String name, String v) {
        String s = nonBlank(name, v);
        if (!s.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new UsageException("Option " + name + " takes the NAME of an environment variable holding the key,"
                    + " not the key itself" + example(name));
        }
        return s;
    }

    private static Duration seconds(String name, String v) {
        double s;
        try {
            s = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("Option " + name + " takes a number of seconds, e.g. --timeout 30 (got '" + v + "')");
        }
        if (!(s > 0) || Double.isInfinite(s) || s > 86_400) {
            throw new UsageException("Option " + name + " takes a number of seconds between 0 and 86400, e.g. --timeout 30 (got '" + v + "')");
        }
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    private static Command pick(Command current, Command wanted, String arg) {
        if (current == Command.HELP || current == Command.VERSION || wanted == Command.HELP || wanted == Command.VERSION) {
            return current == Command.HELP || wanted == Command.HELP ? Command.HELP : Command.VERSION;
        }
        if (current != Command.CHAT && current != wanted) {
            throw new UsageException(optionName(current) + " and " + arg + " cannot be combined; run them one at a time");
        }
        return wanted;
    }

    private static String optionName(Command c) {
        return switch (c) {
            case LIST_PROVIDERS -> "--list-providers";
            case LIST_MODELS -> "--list-models";
            case HELP -> "--help";
            case VERSION -> "--version";
            case CHAT -> "chat";
        };
    }

    private static String example(String name) {
        return switch (name) {
            case "-m", "--model" -> ", e.g. " + name + " qwen-2.5 (see --list-models)";
            case "-p", "--provider" -> ", e.g. " + name + " Qwen_Qwen_2_5 (see --list-providers)";
            case "-s", "--system" -> ", e.g. " + name + " \"Answer in one sentence.\"";
            case "--base-url" -> ", e.g. --base-url http://127.0.0.1:7860";
            case "--proxy" -> ", e.g. --proxy http://127.0.0.1:3128 or --proxy socks5://127.0.0.1:1080";
            case "--timeout" -> ", e.g. --timeout 30 (seconds)";
            case "--upstream-key-env" -> ", e.g. --upstream-key-env OPENAI_API_KEY";
            default -> "";
        };
    }

    private static final List<String> LONG_OPTIONS = List.of("--model", "--provider", "--system", "--base-url", "--proxy",
            "--upstream-key-env", "--timeout", "--no-stream", "--json", "--list-providers", "--list-models", "--demo", "--debug", "--version", "--help");

    private static String suggestion(String arg) {
        String bare = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return ModelNames.closest(bare, LONG_OPTIONS).map(s -> "; did you mean " + s + "?").orElse("");
    }
}
