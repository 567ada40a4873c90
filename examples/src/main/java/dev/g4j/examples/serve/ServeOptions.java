package dev.g4j.examples.serve;

import dev.g4j.gateway.G4jGateway;

import java.util.Map;

/**
 * The options of {@code g4j serve}.
 *
 * @param host the address to bind
 * @param port the port, 0 for a free one
 * @param apiKey the key callers must send, or null
 * @param corsOrigin the browser origin allowed, or null
 * @param demo true to serve the bundled simulator instead of real upstreams
 * @param allowCallerUrls true to let callers name models that address any server
 * @param maxStreams the most chat completions answered at once
 * @param debug true to log to standard error
 * @param help true to print the usage and stop
 */
record ServeOptions(String host, int port, String apiKey, String corsOrigin, boolean demo, boolean allowCallerUrls,
                    int maxStreams, boolean debug, boolean help) {

    /** The environment variable that passes the API key without showing it in {@code ps}. */
    static final String KEY_ENV = "G4J_API_KEY";

    static final String USAGE = String.join("\n",
            "Usage: g4j serve [OPTIONS]",
            "",
            "Serves the OpenAI API (POST /v1/chat/completions, GET /v1/models, GET /v1/models/{id}, GET /health)",
            "over g4j's providers, so any OpenAI client works by changing its base URL.",
            "",
            "Options:",
            "  --host H               address to bind (default 127.0.0.1; any other address needs an API key)",
            "  --port P               port (default 8080; 0 picks a free one)",
            "  --api-key KEY          key callers must send as 'Authorization: Bearer KEY'. Prefer the",
            "                         environment variable " + KEY_ENV + ", which 'ps' does not show",
            "  --cors ORIGIN          let browser pages from ORIGIN call the API (default: CORS off)",
            "  --demo                 serve the bundled Qwen 2.5 simulator instead of real upstreams",
            "  --allow-caller-urls    let callers name models that make this machine fetch any address",
            "  --max-streams N        most chat completions answered at once (default " + G4jGateway.DEFAULT_MAX_STREAMS + ")",
            "  --debug                log to standard error",
            "  -h, --help             show this help",
            "",
            "Example:",
            "  g4j serve --port 8080 &",
            "  curl http://127.0.0.1:8080/v1/chat/completions -H 'content-type: application/json' \\",
            "       -d '{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}'",
            "");

    /**
     * Parses the arguments that follow {@code serve}.
     *
     * @param args the arguments
     * @param env the environment, for {@value #KEY_ENV}
     * @return the options
     * @throws IllegalArgumentException with a message for the user when an argument is wrong
     */
    static ServeOptions parse(String[] args, Map<String, String> env) {
        String host = G4jGateway.DEFAULT_HOST;
        int port = G4jGateway.DEFAULT_PORT;
        String apiKey = null;
        String cors = null;
        boolean demo = false;
        boolean allowUrls = false;
        int maxStreams = G4jGateway.DEFAULT_MAX_STREAMS;
        boolean debug = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--host" -> host = value(args, inline != null ? -1 : ++i, inline, arg);
                case "--port" -> port = number(value(args, inline != null ? -1 : ++i, inline, arg), arg, 0, 65535);
                case "--api-key" -> apiKey = value(args, inline != null ? -1 : ++i, inline, arg);
                case "--cors" -> cors = value(args, inline != null ? -1 : ++i, inline, arg);
                case "--max-streams" -> maxStreams = number(value(args, inline != null ? -1 : ++i, inline, arg), arg, 1, 1_000_000);
                case "--demo" -> demo = true;
                case "--allow-caller-urls" -> allowUrls = true;
                case "--debug" -> debug = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "' for serve");
            }
        }
        if (apiKey == null) {
            String fromEnv = env.get(KEY_ENV);
            apiKey = fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
        }
        return new ServeOptions(host, port, apiKey, cors, demo, allowUrls, maxStreams, debug, help);
    }

    private static String value(String[] args, int i, String inline, String name) {
        if (inline != null) {
            if (inline.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return inline;
        }
        if (i >= args.length || args[i].isBlank() || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int number(String value, String name, int min, int max) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    /** Hides the key. */
    @Override
    public String toString() {
        return "ServeOptions[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", cors=" + corsOrigin + ", demo=" + demo + "]";
    }
}
