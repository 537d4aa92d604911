package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The Deployment exists only while the app's executor has the operator create deployments. */
public class CreatesDeployment implements Condition<Deployment, SpinApp> {
    @Override
    public boolean isMet(DependentResource<Deployment, SpinApp> dependent, SpinApp app, Context<SpinApp> context) {
        return DesiredObjectsInContext.get(context).deployment() != null;
    }
}
