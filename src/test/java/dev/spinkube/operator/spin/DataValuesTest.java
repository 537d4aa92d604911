package dev.spinkube.operator.spin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Secret and ConfigMap values as a pod sees them. */
class DataValuesTest {

    @Test
    void secretDataIsBase64AndStringDataWinsAsTheApiServerMergesIt() {
        Secret s = new SecretBuilder().withData(Map.of("a", "aGk=", "b", "b2xk")).withStringData(Map.of("b", "new"))
                .build();
        assertEquals(Optional.of("hi"), DataValues.text(s, "a"));
        assertEquals(Optional.of("new"), DataValues.text(s, "b"));
        assertEquals(Optional.empty(), DataValues.text(s, "c"));
        assertEquals(List.of("hi", "new"), DataValues.of(s).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void configMapDataIsPlainAndBinaryDataBase64() {
        ConfigMap c = new ConfigMapBuilder().withData(Map.of("a", "aGk=")).withBinaryData(Map.of("b", "AP8=")).build();
        assertEquals(Optional.of("aGk="), DataValues.text(c, "a"));
        assertArrayEquals(new byte[] { 0, (byte) 0xff }, DataValues.of(c).get("b"));
        assertEquals(Optional.empty(), DataValues.text(c, "c"));
    }

    @Test
    void aKeySetToNullReadsAsEmpty() {
        Map<String, String> data = new HashMap<>();
        data.put("k", null);
        assertEquals(Optional.of(""), DataValues.text(new SecretBuilder().withData(data).build(), "k"));
        assertEquals(Optional.of(""), DataValues.text(new ConfigMapBuilder().withData(data).build(), "k"));
        assertEquals(Optional.of(""), DataValues.text(new ConfigMapBuilder().withBinaryData(data).build(), "k"));
    }
}
