package dev.spinkube.operator.validation;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.ObjectRules;
import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpec;

/** The rules a SpinAppExecutor must follow ({@link ObjectRules}); its deployment config counts only when used. */
public final class ExecutorRules {
    private ExecutorRules() {
    }

    public static List<Violation> check(SpinAppExecutorSpec spec) {
        List<Violation> v = new ArrayList<>();
        Checks.brokenRules(ObjectRules.EXECUTOR, spec, "", v);
        if (spec.createDeployment() && spec.hasDeploymentConfig()) {
            ExecutorDeploymentConfig config = spec.deploymentConfig();
            Checks.brokenRules(ObjectRules.DEPLOYMENT_CONFIG, config, "spec.deploymentConfig", v);
            Checks.brokenRulesPerEntry(ObjectRules.ENV, config.env(), "spec.deploymentConfig.env", v);
        }
        return v;
    }
}
