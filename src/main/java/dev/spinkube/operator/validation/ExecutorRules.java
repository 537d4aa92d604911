package dev.spinkube.operator.validation;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.Messages;
import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpec;

/** The rules a SpinAppExecutor must follow. */
public final class ExecutorRules {
    private ExecutorRules() {
    }

    public static List<Violation> check(SpinAppExecutorSpec spec) {
        List<Violation> v = new ArrayList<>();
        if (spec.createDeployment == null) {
            v.add(new Violation("spec.createDeployment", Messages.CREATE_DEPLOYMENT_REQUIRED));
            return v;
        }
        if (!spec.createDeployment) {
            return v;
        }
        ExecutorDeploymentConfig config = spec.deploymentConfig;
        if (config == null) {
            v.add(new Violation("spec.deploymentConfig",
                    Messages.DEPLOYMENT_CONFIG_REQUIRED));
            return v;
        }
        boolean runtimeClass = config.runtimeClassName != null && !config.runtimeClassName.isEmpty();
        boolean spinImage = config.spinImage != null && !config.spinImage.isEmpty();
        if (runtimeClass && spinImage) {
            v.add(new Violation("spec.deploymentConfig.runtimeClassName",
                    Messages.RUNTIME_CLASS_XOR_SPIN_IMAGE));
        } else if (!runtimeClass && !spinImage) {
            v.add(new Violation("spec.deploymentConfig.runtimeClassName",
                    Messages.RUNTIME_CLASS_OR_SPIN_IMAGE));
        }
        SpinAppRules.env("spec.deploymentConfig.env", config.env, v);
        return v;
    }
}
