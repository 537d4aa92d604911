package dev.spinkube.operator.spin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * What a pod sees for the keys of a Secret or ConfigMap, read one way by the digest cache, the runtime-config
 * reader and the offline renderer. Secret {@code data} and ConfigMap {@code binaryData} hold base64, Secret
 * {@code stringData} (in manifests only: the API server folds it into {@code data}) and ConfigMap {@code data}
 * plain text; the plain value wins for a key in both, as the API server has it. A key set to null reads as empty.
 */
public final class DataValues {
    private DataValues() {
    }

    /** Every key of the Secret with its bytes. */
    public static Map<String, byte[]> of(Secret secret) {
        return all(secret.getStringData(), secret.getData());
    }

    /** Every key of the ConfigMap with its bytes. */
    public static Map<String, byte[]> of(ConfigMap configMap) {
        return all(configMap.getData(), configMap.getBinaryData());
    }

    /** One key of the Secret as UTF-8 text; empty when the Secret has no such key. */
    public static Optional<String> text(Secret secret, String key) {
        return value(secret.getStringData(), secret.getData(), key).map(DataValues::utf8);
    }

    /** One key of the ConfigMap as UTF-8 text; empty when the ConfigMap has no such key. */
    public static Optional<String> text(ConfigMap configMap, String key) {
        return value(configMap.getData(), configMap.getBinaryData(), key).map(DataValues::utf8);
    }

    private static Map<String, byte[]> all(Map<String, String> plain, Map<String, String> base64) {
        Set<String> keys = new LinkedHashSet<>();
        keys.addAll(plain == null ? Set.of() : plain.keySet());
        keys.addAll(base64 == null ? Set.of() : base64.keySet());
        Map<String, byte[]> values = new LinkedHashMap<>();
        keys.forEach(k -> values.put(k, value(plain, base64, k).orElseThrow()));
        return values;
    }

    private static Optional<byte[]> value(Map<String, String> plain, Map<String, String> base64, String key) {
        if (plain != null && plain.containsKey(key)) {
            return Optional.of(Objects.requireNonNullElse(plain.get(key), "").getBytes(StandardCharsets.UTF_8));
        }
        if (base64 != null && base64.containsKey(key)) {
            return Optional.of(Base64.getDecoder().decode(Objects.requireNonNullElse(base64.get(key), "")));
        }
        return Optional.empty();
    }

    private static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
