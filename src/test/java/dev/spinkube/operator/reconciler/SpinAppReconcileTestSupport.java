package dev.spinkube.operator.reconciler;

import java.util.function.Consumer;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Test objects shared with tests in other packages. */
public final class SpinAppReconcileTestSupport {
    private SpinAppReconcileTestSupport() {
    }

    public static SpinAppExecutor shimExecutor(String name) {
        return SpinAppReconcileTest.shimExecutor(name);
    }

    public static SpinApp app(String name, String executor) {
        return SpinAppReconcileTest.app(name, executor);
    }

    /**
     * A user's edit: read, change, update, and on 409 Conflict (the operator wrote status or a finalizer in
     * between) read again and retry, as client-go's RetryOnConflict does.
     */
    public static <T extends HasMetadata> void edit(KubernetesClient client, Class<T> type, String namespace, String name,
            Consumer<T> change) {
        for (int attempt = 1;; attempt++) {
            T current = client.resources(type).inNamespace(namespace).withName(name).get();
            change.accept(current);
            try {
                client.resource(current).update();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
