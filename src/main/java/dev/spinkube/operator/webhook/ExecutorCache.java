package dev.spinkube.operator.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;

/**
 * The executors the webhooks judge apps by, from informers of their own instead of a LIST per admission request.
 * Not the SpinApp controller's cache: the webhooks serve on every replica from start-up on, leader or not, before
 * and after the controllers run; executors are few and small. It covers the namespaces the operator watches (and
 * may read). What the cache lacks is read from the API server before an app is refused or left without default:
 * {@code kubectl apply -f executor.yaml -f app.yaml} writes the app a moment after the executor, sooner than a watch
 * may deliver it.
 */
final class ExecutorCache implements Admission.Executors, AutoCloseable {
    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final boolean everywhere;
    private final List<SharedIndexInformer<SpinAppExecutor>> informers;

    /** Lists and watches the executors of {@code namespaces} (JOSDK's set: all namespaces, or named ones). */
    ExecutorCache(KubernetesClient client, Set<String> namespaces) {
        this.client = client;
        this.namespaces = namespaces;
        this.everywhere = InformerConfiguration.allNamespacesWatched(namespaces);
        var executors = client.resources(SpinAppExecutor.class);
        this.informers = everywhere ? List.of(executors.inAnyNamespace().inform())
                : namespaces.stream().map(ns -> executors.inNamespace(ns).inform()).toList();
    }

    @Override
    public boolean watches(String namespace) {
        return everywhere || namespaces.contains(namespace);
    }

    @Override
    public List<SpinAppExecutor> inNamespace(String namespace) {
        List<SpinAppExecutor> cached = informers.stream()
                .flatMap(i -> i.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()).toList();
        return cached.isEmpty() ? client.resources(SpinAppExecutor.class).inNamespace(namespace).list().getItems()
                : cached;
    }

    @Override
    public Optional<SpinAppExecutor> named(String namespace, String name) {
        return informers.stream().map(i -> i.getIndexer().getByKey(Cache.namespaceKeyFunc(namespace, name)))
                .filter(e -> e != null).findFirst()
                .or(() -> Optional.ofNullable(
                        client.resources(SpinAppExecutor.class).inNamespace(namespace).withName(name).get()));
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
