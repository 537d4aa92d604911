package dev.spinkube.operator.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.spinkube.operator.spin.DataValues;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * A Secret or ConfigMap as the shared caches keep it (see {@link DigestStore}): its metadata and, for each key, the
 * SHA-256 digest of the value a pod would see, never the value. The cached objects are {@link Secret} and
 * {@link ConfigMap} subclasses because JOSDK's event sources are typed on the watched kind, but their
 * {@code data}, {@code stringData} and {@code binaryData} stay empty: the digests are only here, under their own name.
 */
sealed interface DataDigests {
    /** Key → SHA-256 (hex) of its value. */
    Map<String, String> digests();

    /**
     * The digests of any Secret or ConfigMap the caches may serve: a cached one, or one with its values (the
     * response to the operator's own write, which JOSDK's temporary cache serves until the watch brings the object).
     */
    static Map<String, String> of(HasMetadata object) {
        if (object instanceof DataDigests cached) {
            return cached.digests();
        }
        if (object instanceof Secret secret) {
            return digest(DataValues.of(secret));
        }
        if (object instanceof ConfigMap configMap) {
            return digest(DataValues.of(configMap));
        }
        throw new IllegalArgumentException("Not a Secret or ConfigMap: " + object.getKind());
    }

    private static Map<String, String> digest(Map<String, byte[]> values) {
        Map<String, String> digests = new LinkedHashMap<>();
        values.forEach((k, v) -> digests.put(k, ResolvedReferences.digest(v)));
        return Map.copyOf(digests);
    }

    /** A cached Secret: name, labels, owners, type, and digests. */
    final class OfSecret extends Secret implements DataDigests {
        private final Map<String, String> digests;

        OfSecret(Secret secret) {
            setMetadata(secret.getMetadata());
            setType(secret.getType());
            digests = DataDigests.of(secret);
        }

        @Override
        public Map<String, String> digests() {
            return digests;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OfSecret other && super.equals(other) && digests.equals(other.digests);
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), digests);
        }
    }

    /** A cached ConfigMap: name, labels, owners, and digests. */
    final class OfConfigMap extends ConfigMap implements DataDigests {
        private final Map<String, String> digests;

        OfConfigMap(ConfigMap configMap) {
            setMetadata(configMap.getMetadata());
            digests = DataDigests.of(configMap);
        }

        @Override
        public Map<String, String> digests() {
            return digests;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OfConfigMap other && super.equals(other) && digests.equals(other.digests);
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), digests);
        }
    }
}
