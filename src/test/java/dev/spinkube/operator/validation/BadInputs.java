package dev.spinkube.operator.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The shared table of bad inputs (src/test/resources/bad-inputs.yaml), read by every layer's test. */
public record BadInputs(String name, JsonNode object, String field, String message, List<String> layers,
        List<String> expect) {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public String kind() {
        return object.path("kind").asText();
    }

    /** "field: message" as a Violation prints, or the message alone when the case names no field. */
    public String expected() {
        return field.isEmpty() ? message : field + ": " + message;
    }

    /**
     * What the API server's refusal contains: the CRD's own words ({@code expect}) when the CRD holds the rule, as
     * it answers before any webhook is called; otherwise the rule's message, from the webhook.
     */
    public List<String> apiServerSays() {
        return layers.contains("cel") ? expect : List.of(message);
    }

    @Override
    public String toString() {
        return name;
    }

    public static Stream<BadInputs> forLayer(String layer) {
        try (InputStream in = BadInputs.class.getClassLoader().getResourceAsStream("bad-inputs.yaml")) {
            List<JsonNode> cases = YAML.readValue(in, new TypeReference<List<JsonNode>>() {
            });
            return cases.stream().map(c -> new BadInputs(c.path("name").asText(), c.path("object"),
                    c.path("field").asText(""), c.path("message").asText(),
                    YAML.convertValue(c.path("layers"), new TypeReference<List<String>>() {
                    }), c.has("expect") ? YAML.convertValue(c.path("expect"), new TypeReference<List<String>>() {
                    }) : List.of())).filter(c -> c.layers().contains(layer)).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
