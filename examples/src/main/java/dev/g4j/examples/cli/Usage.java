package dev.g4j.examples.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The help text and the version of {@code g4j}. */
public final class Usage {

    private Usage() {
    }

    /** The text printed by {@code g4j --help}. */
    public static String text() {
        return """
                Usage: g4j [OPTIONS] [PROMPT...]

                Chat with a language model from the command line.

                  g4j "Why is the sky blue?"       one answer, streamed to standard output
                  echo "Summarise: ..." | g4j      the prompt is read from standard input
                  g4j                              an interactive chat (on a terminal)
                  g4j --demo "Hello"               a local simulator answers; no network needed

                Options:
                  -m, --model NAME       model or alias to ask; PROVIDER:MODEL pins a provider
                                         (default: the default model of the default provider)
                  -p, --provider NAME    ask only this provider (see --list-providers)
                  -s, --system TEXT      system prompt: instructions for the assistant
                      --base-url URL     send requests to this endpoint instead of the provider's own
                      --proxy URL        go through a proxy: http://host:port or socks5://host:port
                      --timeout SECONDS  give up after this long (default 600; also caps the
                                         silence allowed between chunks, default 120)
                      --no-stream        print only the final answer, once it is complete
                      --json             print one JSON object per chunk, one per line, for scripts
                      --list-providers   list the providers, where each came from, and those that
                                         failed to load
                      --list-models      list the models and aliases of each provider
                      --demo             start a local simulator of the Qwen 2.5 Space and chat with it
                      --debug            show stack traces and library logs
                  -V, --version          print the version
                  -h, --help             print this help

                Chat commands: /help, /reset (forget the conversation), /system TEXT, /model NAME,
                /exit (or Ctrl-D). Ctrl-C cancels the answer being written.

                Standard output carries only the answer; queue position, the provider that answers
                and errors go to standard error. When a provider rewrites text it already sent, g4j
                prints what follows it, or, if the start changed, notes it on standard error and prints
                the whole new text again; --no-stream always prints exactly the final text. The answer
                ends with a line break (added when it has none). On a terminal, escape sequences and
                control characters from the server are removed; into a pipe or file the answer is
                written exactly. Passwords in URLs (user:password@) are masked in every message.

                The prompt, from arguments or standard input, may be at most %s; a longer one is
                refused with exit code 2 (raise the limit with JAVA_OPTS=-Dg4j.prompt.limit=BYTES).

                Provider plugins: every .jar in the plugins/ folder of the g4j home, and in the
                folders (or jars) listed in the G4J_PLUGINS environment variable, separated by '%s'.
                The g4j home is the folder of the g4j launcher; for 'java -jar g4j.jar' it is
                -Dg4j.home=FOLDER, else $G4J_HOME, else ~/.g4j; never the current directory.

                Which Java: the g4j launcher uses G4J_JAVA (a java executable) if set, else
                $JAVA_HOME/bin/java, else the newest JDK (17 or later) under /usr/lib/jvm, else 'java'.
                The first run after a build trains a class-data archive in the background (an ahead-of-
                time cache on JDK 25+, AppCDS on JDK 17-24); later runs start about twice as fast.
                G4J_ARCHIVE=off turns this off. Extra JVM options: JAVA_OPTS.

                Exit codes: 0 ok, 1 internal error, 2 usage error, 3 unknown model or provider,
                4 upstream failure (unreachable, refused, failed), 5 timeout, 130 interrupted (Ctrl-C).
                """.formatted(PromptReader.size(PromptReader.DEFAULT_LIMIT), File.pathSeparator);
    }

    /** The version of g4j, from the build; {@code unknown} when the build did not record it. */
    public static String version() {
        try (InputStream in = Usage.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // Fall through to the manifest.
        }
        String v = Usage.class.getPackage().getImplementationVersion();
        return v != null ? v : "unknown";
    }
}
