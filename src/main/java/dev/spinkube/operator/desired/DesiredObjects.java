package dev.spinkube.operator.desired;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the operator wants in the cluster for one SpinApp. {@code deployment} and {@code runtimeConfig}
 * are null when the executor does not create deployments (or the app brings its own runtime config);
 * {@code caBundle} is created only where missing, never overwritten.
 */
public record DesiredObjects(Secret runtimeConfig, Secret caBundle, Deployment deployment, Service service) {

    /** In apply order: Secrets before the Deployment that mounts them. */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>();
        for (HasMetadata o : new HasMetadata[] { caBundle, runtimeConfig, deployment, service }) {
            if (o != null) {
                all.add(o);
            }
        }
        return all;
    }
}
