package dev.spinkube.operator.reconciler;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;

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
}
