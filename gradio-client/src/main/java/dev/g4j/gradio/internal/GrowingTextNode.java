package dev.g4j.gradio.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.io.IOException;

/**
 * A JSON string that grows in place. Streaming chat replies arrive as thousands of {@code append} edits to one
 * string; rebuilding an immutable {@link TextNode} for each would copy the whole reply every time (quadratic in the
 * reply length), so {@link DiffApplier} swaps the string for this node on its first append and extends it from then
 * on, in amortised time proportional to the delta.
 *
 * <p>It reads like a {@link TextNode}: {@link #isTextual()} is true and {@link #textValue()} gives the text (built
 * once per change, then cached). {@link #deepCopy()} returns an immutable {@link TextNode}, so copies never change.
 */
final class GrowingTextNode extends ValueNode {
    private static final long serialVersionUID = 1L;

    private final StringBuilder text;
    private transient String cached;

    GrowingTextNode(String start, String delta) {
        this.text = new StringBuilder(Math.max(16, (start.length() + delta.length()) * 2)).append(start).append(delta);
    }

    void append(String delta) {
        if (!delta.isEmpty()) {
            text.append(delta);
            cached = null;
        }
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.STRING;
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_STRING;
    }

    @Override
    public String textValue() {
        String s = cached;
        if (s == null) {
            s = text.toString();
            cached = s;
        }
        return s;
    }

    @Override
    public String asText() {
        return textValue();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends JsonNode> T deepCopy() {
        return (T) TextNode.valueOf(textValue());
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeString(textValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNode && ((JsonNode) o).isTextual() && ((JsonNode) o).textValue().equals(textValue());
    }

    @Override
    public int hashCode() {
        return textValue().hashCode();
    }
}
