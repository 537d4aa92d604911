package dev.spinkube.operator.reconciler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer store that keeps Secrets and ConfigMaps without their values, as {@link DataDigests}: a SHA-256
 * digest per key. The operator learns that referenced data changed (and rolls the pods) without
 * holding every Secret of the cluster in memory; values are read from the API server when needed.
 */
final class DigestStore<T extends HasMetadata> implements ItemStore<T> {
    private final Map<String, T> items = new ConcurrentHashMap<>();
    private final UnaryOperator<T> strip;

    private DigestStore(UnaryOperator<T> strip) {
        this.strip = strip;
    }

    static DigestStore<Secret> secrets() {
        return new DigestStore<>(DataDigests.OfSecret::new);
    }

    static DigestStore<ConfigMap> configMaps() {
        return new DigestStore<>(DataDigests.OfConfigMap::new);
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
