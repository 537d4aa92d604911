package dev.spinkube.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * The runtime-config Secret is read through the shared Secret cache, which keeps digests of the values
 * ({@link DigestStore}). Between the operator's create and the watch event that brings the Secret into that cache,
 * JOSDK's temporary cache serves the create's response instead: the Secret as the API server returned it, with its
 * values. Neither form may look "changed by someone else" while it holds what the operator wrote (that would restore
 * it: a write for nothing), and both must when someone did change it.
 */
class RuntimeConfigDependentTest {
    private final RuntimeConfigDependent dependent = new RuntimeConfigDependent();
    private final Secret desired = secret("[key_value_store.default]\ntype = \"spin\"\n");

    @Test
    void theCreateResponseInJosdksTemporaryCacheMatches() {
        Secret createResponse = new SecretBuilder(desired).editMetadata().withResourceVersion("42").withUid("u")
                .endMetadata().build();
        assertTrue(dependent.match(createResponse, desired, null, null).matched());
    }

    @Test
    void theDigestsInTheSharedCacheMatch() {
        assertTrue(dependent.match(DigestStore.secrets().strip(desired), desired, null, null).matched());
    }

    @Test
    void aChangedSecretDoesNotMatchInEitherForm() {
        Secret changed = secret("[key_value_store.default]\ntype = \"redis\"\n");
        assertFalse(dependent.match(changed, desired, null, null).matched());
        assertFalse(dependent.match(DigestStore.secrets().strip(changed), desired, null, null).matched());
    }

    private static Secret secret(String toml) {
        return new SecretBuilder().withNewMetadata().withName("app-runtime-config-1").withNamespace("ns").endMetadata()
                .withData(Map.of("runtime-config.toml",
                        Base64.getEncoder().encodeToString(toml.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
