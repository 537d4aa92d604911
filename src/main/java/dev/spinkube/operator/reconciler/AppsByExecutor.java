package dev.spinkube.operator.reconciler;

import java.util.List;
import java.util.Optional;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SpinApps that use an executor, read from the SpinApp controller's cache: the executor controller needs no
 * SpinApp informer of its own, so every SpinApp is received and held once, not twice.
 */
@ApplicationScoped
public class AppsByExecutor {
    private volatile IndexerResourceCache<SpinApp> apps;

    /** Called once by the SpinApp controller with its primary cache, indexed by {@link ExecutorSource#BY_EXECUTOR}. */
    void watch(IndexerResourceCache<SpinApp> apps) {
        this.apps = apps;
    }

    /** Names of the apps in the executor's namespace that use it, sorted; empty while the cache is not yet filled. */
    Optional<List<String>> of(SpinAppExecutor executor) {
        IndexerResourceCache<SpinApp> cache = apps;
        if (cache == null || cache instanceof ManagedInformerEventSource<?, ?, ?> source
                && !source.informerHealthIndicators().values().stream().allMatch(InformerHealthIndicator::hasSynced)) {
            return Optional.empty();
        }
        String key = executor.getMetadata().getNamespace() + "/" + executor.getMetadata().getName();
        return Optional.of(cache.byIndex(ExecutorSource.BY_EXECUTOR, key).stream().map(a -> a.getMetadata().getName())
                .sorted().toList());
    }
}
