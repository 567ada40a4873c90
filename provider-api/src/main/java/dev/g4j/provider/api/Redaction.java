package dev.g4j.provider.api;

import java.util.regex.Pattern;

/**
 * Hides credentials written into URLs in text meant for people: error messages, logs, listings, whatever produced
 * the text (a {@code --proxy http://alice:secret@host} may come back in a validation message, an upstream error or
 * a stack trace). Both {@code scheme://user:password@host} and an authority quoted alone, {@code user:password@host},
 * are masked; a password may itself contain {@code @}, so everything up to the last {@code @} before the host goes.
 */
public final class Redaction {
    /** What replaces a user-info. */
    public static final String MASK = "***";

    /**
     * {@code scheme://user-info@}: the user-info runs up to the last {@code @} of the authority, so a password
     * holding an {@code @} is masked whole. An {@code @} before {@code ]} ends the placeholder of a usage hint
     * ({@code scheme://[user:password@]host:port}), not a user-info.
     */
    private static final Pattern WITH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/?#'\"<>`]*@(?!])");

    /** {@code user:password@host} without a scheme, as a message may quote an authority alone. */
    private static final Pattern WITHOUT_SCHEME = Pattern.compile(
            "(?<![^\\s'\"(<\\[`=,;])[^\\s/?#'\"<>`@:=,;(\\[]+:[^\\s/?#'\"<>`]*@(?!])(?=[^\\s@'\"]*[A-Za-z0-9\\]])");

    private Redaction() {
    }

    /**
     * Masks the user-info of every URL or authority in {@code text}.
     *
     * @param text any text, may be null
     * @return the text with each user-info written as {@value #MASK}; null for null
     */
    public static String maskUserInfo(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        String masked = WITH_SCHEME.matcher(text).replaceAll("$1" + MASK + "@");
        return WITHOUT_SCHEME.matcher(masked).replaceAll(MASK + "@");
    }
}
