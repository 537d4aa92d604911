package dev.spinkube.operator.validation;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.SpinApp;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutor;
import dev.spinkube.operator.api.v1alpha1.SpinAppSpec;

/** The rules a SpinApp must follow before anything is applied for it. */
public final class SpinAppRules {
    private SpinAppRules() {
    }

    /** Rules on the app alone plus those that need its executor (null when it is not known). */
    public static List<Violation> check(SpinApp app, SpinAppExecutor executor) {
        List<Violation> v = new ArrayList<>(checkApp(app.getSpec()));
        if (executor != null) {
            v.addAll(ExecutorRules.check(executor.getSpec()).stream()
                    .map(e -> new Violation("spec.executor", "executor \"" + executor.getMetadata().getName()
                            + "\" is invalid: " + e))
                    .toList());
            if (!Boolean.TRUE.equals(executor.getSpec().createDeployment)) {
                SpinAppSpec spec = app.getSpec();
                if (spec.deploymentAnnotations != null && !spec.deploymentAnnotations.isEmpty()) {
                    v.add(new Violation("spec.deploymentAnnotations",
                            "deploymentAnnotations can't be set when the executor does not use operator deployments"));
                }
                if (spec.podAnnotations != null && !spec.podAnnotations.isEmpty()) {
                    v.add(new Violation("spec.podAnnotations",
                            "podAnnotations can't be set when the executor does not use operator deployments"));
                }
            }
        }
        return v;
    }

    public static List<Violation> checkApp(SpinAppSpec spec) {
        List<Violation> v = new ArrayList<>();
        if (spec.executor == null || spec.executor.isEmpty()) {
            v.add(new Violation("spec.executor",
                    "executor must be set, likely no default executor was set because you have no executors installed"));
        }
        if (spec.image == null || spec.image.isEmpty()) {
            v.add(new Violation("spec.image", "image must be set"));
        }
        boolean autoscaling = Boolean.TRUE.equals(spec.enableAutoscaling);
        if (autoscaling && spec.replicas != null && spec.replicas != 0) {
            v.add(new Violation("spec.replicas", "replicas cannot be set when autoscaling is enabled"));
        }
        if (!autoscaling && spec.replicas != null && spec.replicas < 1) {
            v.add(new Violation("spec.replicas", "replicas must be > 0"));
        }
        return v;
    }
}
