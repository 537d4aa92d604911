package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** What the shared Secret and ConfigMap caches keep: digests under their own name, never values in {@code data}. */
class DataDigestsTest {
    private static final String SHA256_OF_HUNTER2 = "f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7";

    @Test
    void theCachedSecretKeepsDigestsAndNoValues() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ns").endMetadata()
                .withType("Opaque").withData(Map.of("password", base64("hunter2"))).build();

        Secret cached = DigestStore.secrets().strip(secret);

        DataDigests digests = assertInstanceOf(DataDigests.class, cached);
        assertEquals(Map.of("password", SHA256_OF_HUNTER2), digests.digests());
        assertEquals(Map.of(), cached.getData(), "a cached Secret's data would be read as values");
        assertEquals(Map.of(), cached.getStringData());
        assertEquals("creds", cached.getMetadata().getName());
        assertEquals("Opaque", cached.getType());
    }

    @Test
    void theCachedConfigMapKeepsDigestsOfBothTextAndBinaryData() {
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata()
                .withData(Map.of("text", "hunter2")).withBinaryData(Map.of("bin", base64("hunter2"))).build();

        ConfigMap cached = DigestStore.configMaps().strip(configMap);

        assertEquals(Map.of("text", SHA256_OF_HUNTER2, "bin", SHA256_OF_HUNTER2), DataDigests.of(cached));
        assertEquals(Map.of(), cached.getData());
        assertEquals(Map.of(), cached.getBinaryData());
    }

    /** JOSDK's temporary cache serves the response to the operator's own write, values and all, until the watch. */
    @Test
    void anObjectWithValuesReadsAsTheSameDigestsAsItsCachedForm() {
        Secret written = new SecretBuilder().withNewMetadata().withName("spin-ca").endMetadata()
                .withData(Map.of("ca-certificates.crt", base64("hunter2"))).build();

        assertEquals(DataDigests.of(DigestStore.secrets().strip(written)), DataDigests.of(written));
        assertEquals(Map.of("ca-certificates.crt", SHA256_OF_HUNTER2), DataDigests.of(written));
    }

    @Test
    void cachedObjectsWithOtherDigestsDiffer() {
        Secret one = new SecretBuilder().withNewMetadata().withName("s").endMetadata()
                .withData(Map.of("k", base64("one"))).build();
        Secret two = new SecretBuilder(one).withData(Map.of("k", base64("two"))).build();

        assertNotEquals(DigestStore.secrets().strip(one), DigestStore.secrets().strip(two));
        assertEquals(DigestStore.secrets().strip(one), DigestStore.secrets().strip(one));
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
