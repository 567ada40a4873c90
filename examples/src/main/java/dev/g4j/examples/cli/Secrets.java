package dev.g4j.examples.cli;

import java.util.regex.Pattern;

/**
 * Masks the user-info (user name and password) of URLs in text the CLI prints, whatever produced the text: a
 * {@code --proxy http://alice:secret@host} may come back in a validation message, an upstream error or a stack
 * trace, and none of them may show the password.
 */
final class Secrets {
    /** What replaces a user-info. */
    static final String MASK = "***";

    /**
     * {@code scheme://user-info@}: the user-info runs up to the last {@code @} of the authority, so a password
     * holding an {@code @} is masked whole. An {@code @} before {@code ]} ends the placeholder of a usage hint
     * ({@code scheme://[user:password@]host:port}), not a user-info.
     */
    private static final Pattern WITH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/?#'\"<>`]*@(?!])");

    /** {@code user:password@host} without a scheme, as a message may quote an authority alone. */
    private static final Pattern WITHOUT_SCHEME = Pattern.compile(
            "(?<![^\\s'\"(<\\[`=,;])[^\\s/?#'\"<>`@:=,;(\\[]+:[^\\s/?#'\"<>`]*@(?!])(?=[^\\s@'\"]*[A-Za-z0-9\\]])");

    private Secrets() {
    }

    /** {@code text} with every URL user-info replaced by {@value #MASK}; null stays null. */
    static String mask(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        String masked = WITH_SCHEME.matcher(text).replaceAll("$1" + MASK + "@");
        return WITHOUT_SCHEME.matcher(masked).replaceAll(MASK + "@");
    }
}
