package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.spin.AppLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The app's Deployment, as the plan wants it; deleted when the executor stops creating deployments. */
@KubernetesDependent(informer = @Informer(labelSelector = AppLabels.APP_NAME))
public class DeploymentDependent extends CRUDKubernetesDependentResource<Deployment, SpinApp> {

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(SpinApp app, Context<SpinApp> context) {
        Deployment d = DesiredObjectsInContext.get(context).deployment();
        // JOSDK records its own annotations on what it applies: give it maps to write into.
        Annotations.ensure(d.getMetadata());
        Annotations.ensure(d.getSpec().getTemplate().getMetadata());
        DesiredMatch.stamp(d, context.getClient().getKubernetesSerialization());
        return d;
    }

    /** Compared without managedFields (the cache has none): see {@link DesiredMatch}. */
    @Override
    public Result<Deployment> match(Deployment actual, Deployment desired, SpinApp app, Context<SpinApp> context) {
        addMetadata(true, actual, desired, app, context);
        var serialization = context.getClient().getKubernetesSerialization();
        return Result.computed(DesiredMatch.matches(actual, desired, serialization), desired);
    }

    /**
     * With server-side apply an omitted {@code replicas} stays owned by the autoscaler. A plain update
     * replaces the whole object, so there the autoscaler's current count is carried over instead.
     */
    @Override
    public Deployment update(Deployment actual, Deployment desired, SpinApp app, Context<SpinApp> context) {
        if (!useSSA(context) && desired.getSpec().getReplicas() == null && actual.getSpec() != null) {
            desired.getSpec().setReplicas(actual.getSpec().getReplicas());
        }
        return super.update(actual, desired, app, context);
    }

    /** Named like the app: found without computing the desired object, so it can also be deleted. */
    @Override
    protected ResourceID targetSecondaryResourceID(SpinApp app, Context<SpinApp> context) {
        return ResourceID.fromResource(app);
    }
}
