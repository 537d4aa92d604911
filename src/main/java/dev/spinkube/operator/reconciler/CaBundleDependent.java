package dev.spinkube.operator.reconciler;

import java.net.HttpURLConnection;
import java.util.Optional;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The namespace's default CA bundle Secret ({@code spin-ca}): created where missing, never updated, owned by no
 * app (every app of the namespace mounts it, and a user may replace it with their own bundle).
 */
public class CaBundleDependent extends KubernetesDependentResource<Secret, SpinApp>
        implements Creator<Secret, SpinApp> {

    public CaBundleDependent() {
        super(Secret.class);
    }

    /** Apps whose executor names a CA bundle of its own need none. */
    @Override
    public ReconcileResult<Secret> reconcile(SpinApp app, Context<SpinApp> context) {
        return DesiredObjectsInContext.get(context).caBundle() == null ? ReconcileResult.noOperation(null)
                : super.reconcile(app, context);
    }

    @Override
    protected Secret desired(SpinApp app, Context<SpinApp> context) {
        Secret s = DesiredObjectsInContext.get(context).caBundle();
        Annotations.ensure(s.getMetadata());
        return s;
    }

    /** Another app's reconcile of the same namespace may have created it a moment ago: that is the one wanted. */
    @Override
    public Secret create(Secret desired, SpinApp app, Context<SpinApp> context) {
        try {
            return super.create(desired, app, context);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return desired;
        }
    }

    /** Neither an owner reference nor JOSDK's owner annotations: the Secret belongs to the namespace. */
    @Override
    protected void addReferenceHandlingMetadata(Secret desired, SpinApp app) {
    }

    /** Looked up by name: the shared Secret cache maps no app to its Secrets. */
    @Override
    public Optional<Secret> getSecondaryResource(SpinApp app, Context<SpinApp> context) {
        Secret wanted = DesiredObjectsInContext.get(context).caBundle();
        return eventSource().orElseThrow().get(ResourceID.fromResource(wanted));
    }
}
