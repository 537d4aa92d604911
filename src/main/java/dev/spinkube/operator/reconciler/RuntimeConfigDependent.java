package dev.spinkube.operator.reconciler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.spin.AppLabels;
import dev.spinkube.operator.spin.MountedFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The app's runtime config Secret, named after its content: created, and put back when someone else changed it.
 * Once the Deployment has rolled past an older one, the older one is deleted. Read through the shared Secret
 * cache, which holds digests of the values (see {@link DigestStore}).
 */
public class RuntimeConfigDependent extends CRUDKubernetesDependentResource<Secret, SpinApp> {
    private static final Logger LOG = Logger.getLogger(RuntimeConfigDependent.class);

    public RuntimeConfigDependent() {
        super(Secret.class);
    }

    /** An app that brings its own runtime config, or runs without a Deployment, has none: only clean-up then. */
    @Override
    public ReconcileResult<Secret> reconcile(SpinApp app, Context<SpinApp> context) {
        Secret wanted = DesiredObjectsInContext.get(context).runtimeConfig();
        ReconcileResult<Secret> result = wanted == null ? ReconcileResult.noOperation(null)
                : super.reconcile(app, context);
        deleteSuperseded(app, wanted == null ? null : wanted.getMetadata().getName(), context);
        return result;
    }

    @Override
    protected Secret desired(SpinApp app, Context<SpinApp> context) {
        Secret s = DesiredObjectsInContext.get(context).runtimeConfig();
        Annotations.ensure(s.getMetadata());
        return s;
    }

    /**
     * The values match when their digests do. The shared cache holds digests; until the watch brings a Secret the
     * operator just wrote into that cache, JOSDK's temporary cache serves the write's response, values and all.
     */
    @Override
    public Result<Secret> match(Secret actual, Secret desired, SpinApp app, Context<SpinApp> context) {
        boolean same = DataDigests.of(actual).equals(DataDigests.of(desired));
        if (!same) {
            LOG.infof("%s/%s: runtime config Secret was changed by someone else; restoring it",
                    desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        }
        return Result.computed(same, desired);
    }

    /** Looked up by name: the shared Secret cache maps no app to its Secrets. */
    @Override
    public Optional<Secret> getSecondaryResource(SpinApp app, Context<SpinApp> context) {
        Secret wanted = DesiredObjectsInContext.get(context).runtimeConfig();
        return eventSource().orElseThrow().get(ResourceID.fromResource(wanted));
    }

    /** Deletes this app's runtime configs other than {@code current}, once no pod needs them. */
    private void deleteSuperseded(SpinApp app, String current, Context<SpinApp> context) {
        boolean createsDeployment = DesiredObjectsInContext.get(context).deployment() != null;
        if (createsDeployment && !rolledOut(context.getSecondaryResource(Deployment.class).orElse(null), current)) {
            return;
        }
        String uid = app.getMetadata().getUid();
        String name = app.getMetadata().getName();
        eventSource().orElseThrow().list(app.getMetadata().getNamespace(),
                s -> name.equals(labels(s).get(AppLabels.APP_NAME)) && !s.getMetadata().getName().equals(current)
                        && s.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid())))
                .forEach(s -> {
                    LOG.infof("%s/%s: deleting superseded runtime config Secret %s", app.getMetadata().getNamespace(),
                            name, s.getMetadata().getName());
                    context.getClient().secrets().inNamespace(s.getMetadata().getNamespace())
                            .withName(s.getMetadata().getName()).delete();
                });
    }

    /** The Deployment mounts the current runtime config and every replica runs that template. */
    private static boolean rolledOut(Deployment d, String currentSecret) {
        if (d == null || d.getStatus() == null || d.getSpec().getTemplate().getSpec().getVolumes() == null) {
            return false;
        }
        boolean mountsCurrent = currentSecret == null || d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .anyMatch(v -> MountedFiles.RUNTIME_CONFIG_VOLUME.equals(v.getName()) && v.getSecret() != null
                        && currentSecret.equals(v.getSecret().getSecretName()));
        var s = d.getStatus();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        return mountsCurrent && observed >= generation
                && Objects.equals(orZero(s.getReplicas()), orZero(s.getUpdatedReplicas()));
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static Map<String, String> labels(Secret s) {
        return s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
    }
}
