package dev.spinkube.operator.spin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the referenced Secret and ConfigMap keys hold, as far as the core needs it: a digest of every
 * present key (for the rollout hash) and the plain value of the keys whose value ends up in an object
 * the operator writes (runtime-config options). Keys absent here are absent in the cluster.
 */
public record ResolvedReferences(Map<DataRef, String> digests, Map<DataRef, String> values) {

    public static final ResolvedReferences NONE = new ResolvedReferences(Map.of(), Map.of());

    public ResolvedReferences {
        digests = Map.copyOf(digests);
        values = Map.copyOf(values);
    }

    public Optional<String> value(DataRef ref) {
        return Optional.ofNullable(values.get(ref));
    }

    public boolean isPresent(DataRef ref) {
        return digests.containsKey(ref);
    }

    /** Builds references from plain values (render mode and tests): every value is also digested. */
    public static ResolvedReferences ofValues(Map<DataRef, String> values) {
        Map<DataRef, String> digests = new TreeMap<>();
        values.forEach((ref, value) -> digests.put(ref, digest(value)));
        return new ResolvedReferences(digests, values);
    }

    public static String digest(String value) {
        return digest(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String digest(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
