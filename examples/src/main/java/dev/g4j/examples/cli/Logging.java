package dev.g4j.examples.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps library logging (the registry's {@link System.Logger}, Vert.x and Netty, all of which end in
 * {@code java.util.logging} here) off standard error, which belongs to the user; {@code --debug} turns it on.
 */
final class Logging {

    private Logging() {
    }

    static void configure(boolean debug) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        if (debug) {
            ConsoleHandler handler = new ConsoleHandler();
            handler.setLevel(Level.FINE);
            // Library logs quote URLs and server text too: mask user-info and drop escape sequences.
            Formatter plain = new SimpleFormatter();
            handler.setFormatter(new Formatter() {
                @Override
                public String format(LogRecord record) {
                    return TerminalText.safeLine(plain.format(record));
                }
            });
            root.addHandler(handler);
            root.setLevel(Level.FINE);
            // The JDK's own HTTP and security internals are too chatty at FINE to be useful here.
            Logger.getLogger("jdk").setLevel(Level.INFO);
            Logger.getLogger("sun").setLevel(Level.INFO);
            Logger.getLogger("io.netty").setLevel(Level.INFO);
        } else {
            root.setLevel(Level.OFF);
        }
    }
}
