package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.desired.DesiredObjects;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Hands the objects the core computed once per reconcile to the dependents that apply them. */
final class ReconcileState {
    private static final String DESIRED = "desired";

    private ReconcileState() {
    }

    static void put(Context<SpinApp> context, DesiredObjects objects) {
        context.managedWorkflowAndDependentResourceContext().put(DESIRED, objects);
    }

    static DesiredObjects objects(Context<SpinApp> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(DESIRED, DesiredObjects.class);
    }
}
