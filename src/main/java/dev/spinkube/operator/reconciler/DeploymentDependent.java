package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.desired.AppLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
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
        Deployment d = ReconcileState.objects(context).deployment();
        // JOSDK records its own annotations on what it applies: give it maps to write into.
        Annotations.ensure(d.getMetadata());
        Annotations.ensure(d.getSpec().getTemplate().getMetadata());
        return d;
    }

    /** Named like the app: found without computing the desired object, so it can also be deleted. */
    @Override
    protected ResourceID targetSecondaryResourceID(SpinApp app, Context<SpinApp> context) {
        return ResourceID.fromResource(app);
    }
}
