package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.desired.DesiredObjects;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The objects the core computed once per reconcile, kept in JOSDK's context for the dependents that apply them (a
 * typed store, as Keycloak's {@code ContextUtils}).
 */
final class DesiredObjectsInContext {
    private static final String DESIRED = "desired";

    private DesiredObjectsInContext() {
    }

    static void store(Context<SpinApp> context, DesiredObjects objects) {
        context.managedWorkflowAndDependentResourceContext().put(DESIRED, objects);
    }

    static DesiredObjects get(Context<SpinApp> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(DESIRED, DesiredObjects.class);
    }
}
