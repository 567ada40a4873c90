package dev.g4j.provider.registry.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.g4j.provider.api.Redaction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the providers file, {@code {"providers": [{"name": ..., "type": ..., ...}, ...]}}, into one entry per
 * object with the line it starts on. A syntax error, an entry that is not an object, or an entry without a string
 * {@code type} is a {@link Problem}; the entries read before and beside it are kept.
 */
public final class ProvidersFile {
    /** The largest providers file read; a bigger one is a problem, not an out-of-memory error. */
    public static final long MAX_BYTES = 1 << 20;

    private static final Pattern QUOTED = Pattern.compile("'[^']{2,}'");
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .build();

    /**
     * One entry of the file.
     *
     * @param type the {@code type} value, lower case
     * @param name the {@code name} value, or a placeholder such as {@code entry #2} when absent
     * @param values the entry's keys and values as plain Java values
     * @param source the file and line, e.g. {@code /home/u/.g4j/providers.json:12}
     */
    public record Entry(String type, String name, Map<String, Object> values, String source) {
    }

    /**
     * What is wrong with the file or with one entry.
     *
     * @param name the entry's name, or a placeholder
     * @param source the file and line
     * @param reason what is wrong and how to fix it
     */
    public record Problem(String name, String source, String reason) {
    }

    /**
     * What the file holds.
     *
     * @param entries the well-formed entries, in file order
     * @param problems what could not be read, in file order
     */
    public record Contents(List<Entry> entries, List<Problem> problems) {
    }

    private ProvidersFile() {
    }

    /**
     * Reads a providers file.
     *
     * @param file the file
     * @param required true when the user named the file explicitly, so that a missing file is a problem
     * @return the entries and problems; both empty when an optional file does not exist
     */
    public static Contents read(Path file, boolean required) {
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String where = file.toString();
        try {
            if (!Files.exists(file)) {
                if (required) {
                    problems.add(new Problem("(providers file)", where, "the file does not exist; create it or fix G4J_PROVIDERS"));
                }
                return new Contents(entries, problems);
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new Problem("(providers file)", where, "the file has " + size + " bytes, more than the "
                        + MAX_BYTES + " a providers file may have"));
                return new Contents(entries, problems);
            }
            try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.createParser(in)) {
                parse(parser, where, entries, problems);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem("(providers file)", at == null ? where : where + ":" + at.getLineNr(),
                    "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                            + ": " + withoutValues(e.getOriginalMessage())));
        } catch (NoSuchFileException e) {
            if (required) {
                problems.add(new Problem("(providers file)", where, "the file does not exist"));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem("(providers file)", where, "cannot read it: " + e));
        }
        return new Contents(entries, problems);
    }

    /**
     * Jackson quotes the offending token ({@code Unrecognized token 'sk-...'}), which may be a key written without
     * quotes; field names in duplicate-field messages are kept.
     */
    static String withoutValues(String message) {
        if (message == null) {
            return "unknown error";
        }
        String text = message.startsWith("Duplicate field") ? message : QUOTED.matcher(message).replaceAll("'...'");
        return Redaction.maskUserInfo(text);
    }

    private static void parse(JsonParser parser, String where, List<Entry> entries, List<Problem> problems)
            throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            problems.add(new Problem("(providers file)", where + ":" + parser.currentTokenLocation().getLineNr(),
                    "the file must hold a JSON object: {\"providers\": [{\"name\": ..., \"type\": ...}]}"));
            return;
        }
        boolean sawProviders = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!"providers".equals(field)) {
                parser.skipChildren();
                continue;
            }
            sawProviders = true;
            if (value != JsonToken.START_ARRAY) {
                problems.add(new Problem("(providers file)", where + ":" + parser.currentTokenLocation().getLineNr(),
                        "\"providers\" must be a list of objects"));
                parser.skipChildren();
                continue;
            }
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                index++;
                String source = where + ":" + parser.currentTokenLocation().getLineNr();
                String placeholder = "entry #" + index;
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    problems.add(new Problem(placeholder, source, "an entry must be an object with a \"type\""));
                    parser.skipChildren();
                    continue;
                }
                JsonNode node = parser.readValueAsTree();
                entry(node, placeholder, source, entries, problems);
            }
        }
        if (!sawProviders) {
            problems.add(new Problem("(providers file)", where, "no \"providers\" list: write {\"providers\": [...]}"));
        }
    }

    private static void entry(JsonNode node, String placeholder, String source, List<Entry> entries, List<Problem> problems) {
        JsonNode nameNode = node.get("name");
        String name = placeholder;
        if (nameNode != null && !nameNode.isNull()) {
            if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
                problems.add(new Problem(placeholder, source, "\"name\" must be a non-blank string"));
                return;
            }
            name = nameNode.asText().strip();
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            problems.add(new Problem(name, source, "the entry has no \"type\"; say which factory reads it, e.g. \"type\": \"openai\""));
            return;
        }
        if (!typeNode.isTextual() || typeNode.asText().isBlank()) {
            problems.add(new Problem(name, source, "\"type\" must be a non-blank string"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = MAPPER.convertValue(node, LinkedHashMap.class);
        entries.add(new Entry(typeNode.asText().strip().toLowerCase(Locale.ROOT), name, values, source));
    }
}
