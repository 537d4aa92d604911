package dev.spinkube.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/**
 * What `render` prints is read by kubectl with a YAML 1.1 parser, where an unquoted 8080, true, yes, on, ~ or 1e3
 * is no longer a string. Every string value must come back as a string.
 */
class RenderedYamlTypesTest {
    static final List<String> LOOK_LIKE_OTHER_TYPES = List.of("8080", "134217728", "1.5", "1e3", "0x1F", "0o17", "true",
            "False", "yes", "No", "on", "OFF", "y", "null", "~", "", "2026-11-24", "12:30", "-1", "+1", ".5");

    @Test
    void stringsThatLookLikeNumbersBooleansOrNullStayStrings() {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < LOOK_LIKE_OTHER_TYPES.size(); i++) {
            data.put("k" + i, LOOK_LIKE_OTHER_TYPES.get(i));
        }
        String yaml = Manifests.toYaml(new ConfigMapBuilder().withNewMetadata().withName("types").endMetadata()
                .withData(data).build());

        Map<?, ?> read = null;
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d) {
                read = d;
            }
        }
        assertEquals(data, read, yaml);
        assertEquals(List.of(), read.values().stream().filter(v -> !(v instanceof String)).toList(), yaml);
        assertEquals(false, yaml.contains("\"k1\""), "plain keys stay plain:\n" + yaml);
    }
}
