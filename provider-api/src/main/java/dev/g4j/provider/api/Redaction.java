package dev.g4j.provider.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials written into URLs ({@code scheme://user:password@host}) in text meant for people: error
 * messages, logs, listings. The password may itself contain {@code @}; everything up to the last {@code @} before
 * the host is hidden.
 */
public final class Redaction {
    /** A scheme, {@code //}, then user-info up to the last {@code @} that still precedes a host. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/?#]*@(?=[^\\s@/?#]*(?:[\\s/?#]|$))");

    private Redaction() {
    }

    /**
     * Masks the user-info of every URL in {@code text}.
     *
     * @param text any text, may be null
     * @return the text with each {@code scheme://user:password@} written as {@code scheme://***@}; null for null
     */
    public static String maskUserInfo(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        return m.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "***@"));
    }
}
