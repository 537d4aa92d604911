package dev.spinkube.operator.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.spinkube.operator.spin.DataValues;
import dev.spinkube.operator.spin.ResolvedReferences;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer store that keeps Secrets and ConfigMaps without their values: each value is replaced by
 * its SHA-256 digest. The operator learns that referenced data changed (and rolls the pods) without
 * holding every Secret of the cluster in memory; values are read from the API server when needed.
 */
final class DigestStore<T extends HasMetadata> implements ItemStore<T> {
    private final Map<String, T> items = new ConcurrentHashMap<>();
    private final UnaryOperator<T> strip;

    private DigestStore(UnaryOperator<T> strip) {
        this.strip = strip;
    }

    static DigestStore<Secret> secrets() {
        return new DigestStore<>(s -> new SecretBuilder().withMetadata(s.getMetadata()).withType(s.getType())
                .withData(digests(DataValues.of(s))).build());
    }

    static DigestStore<ConfigMap> configMaps() {
        return new DigestStore<>(c -> new ConfigMapBuilder().withMetadata(c.getMetadata())
                .withData(digests(DataValues.of(c))).build());
    }

    private static Map<String, String> digests(Map<String, byte[]> values) {
        Map<String, String> digests = new LinkedHashMap<>();
        values.forEach((k, v) -> digests.put(k, ResolvedReferences.digest(v)));
        return digests;
    }

    /** The object as this store keeps it. */
    T strip(T obj) {
        return strip.apply(obj);
    }

    @Override
    public String getKey(T obj) {
        return Cache.metaNamespaceKeyFunc(obj);
    }

    @Override
    public T put(String key, T obj) {
        return items.put(key, strip.apply(obj));
    }

    @Override
    public T remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return items.get(key);
    }
}
