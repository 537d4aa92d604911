package dev.spinkube.operator.reconciler;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.desired.DesiredObjects;
import dev.spinkube.operator.spin.AppLabels;
import dev.spinkube.operator.spin.MountedFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * The Secrets the operator writes for apps: the content-addressed runtime config (created, never
 * patched in place unless tampered with) and the default CA bundle (created where missing, never
 * overwritten). Superseded runtime configs are deleted once the Deployment has rolled past them.
 */
final class GeneratedSecrets {
    private static final Logger LOG = Logger.getLogger(GeneratedSecrets.class);

    private GeneratedSecrets() {
    }

    static void apply(KubernetesClient client, InformerEventSource<Secret, SpinApp> cache, DesiredObjects desired) {
        Secret rc = desired.runtimeConfig();
        if (rc != null) {
            var cached = cache.get(ResourceID.fromResource(rc));
            if (cached.isEmpty()) {
                create(client, rc);
            } else if (!Objects.equals(cached.get().getData(), DigestStore.secrets().strip(rc).getData())) {
                LOG.infof("%s/%s: runtime config Secret was changed by someone else; restoring it",
                        rc.getMetadata().getNamespace(), rc.getMetadata().getName());
                client.resource(rc).update();
            }
        }
        Secret ca = desired.caBundle();
        if (ca != null && cache.get(ResourceID.fromResource(ca)).isEmpty()) {
            create(client, ca);
        }
    }

    /** Deletes this app's generated runtime configs other than the current one, once no pod needs them. */
    static void deleteSuperseded(KubernetesClient client, InformerEventSource<Secret, SpinApp> cache, SpinApp app,
            DesiredObjects desired, Deployment observed) {
        String current = desired.runtimeConfig() == null ? null : desired.runtimeConfig().getMetadata().getName();
        if (desired.deployment() != null && !rolledOut(observed, current)) {
            return;
        }
        String uid = app.getMetadata().getUid();
        String name = app.getMetadata().getName();
        cache.list(app.getMetadata().getNamespace(),
                s -> name.equals(labels(s).get(AppLabels.APP_NAME)) && !s.getMetadata().getName().equals(current)
                        && s.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .forEach(s -> {
                    LOG.infof("%s/%s: deleting superseded runtime config Secret %s", app.getMetadata().getNamespace(),
                            name, s.getMetadata().getName());
                    client.secrets().inNamespace(s.getMetadata().getNamespace()).withName(s.getMetadata().getName())
                            .delete();
                });
    }

    /** The Deployment mounts the current runtime config and every replica runs that template. */
    private static boolean rolledOut(Deployment d, String currentSecret) {
        if (d == null || d.getStatus() == null || d.getSpec().getTemplate().getSpec().getVolumes() == null) {
            return false;
        }
        boolean mountsCurrent = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .anyMatch(v -> MountedFiles.RUNTIME_CONFIG_VOLUME.equals(v.getName()) && v.getSecret() != null
                        && Objects.equals(currentSecret, v.getSecret().getSecretName()))
                || currentSecret == null;
        var s = d.getStatus();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        return mountsCurrent && observed >= generation && Objects.equals(orZero(s.getReplicas()), orZero(s.getUpdatedReplicas()));
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static Map<String, String> labels(Secret s) {
        return s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    }

    private static void create(KubernetesClient client, Secret secret) {
        try {
            client.resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
