package dev.spinkube.operator.validation;

import java.util.ArrayList;
import java.util.List;

import dev.spinkube.operator.api.v1alpha1.CelRules;
import dev.spinkube.operator.api.v1alpha1.ExecutorDeploymentConfig;
import dev.spinkube.operator.api.v1alpha1.SpinAppExecutorSpec;

/** The rules a SpinAppExecutor must follow ({@link CelRules}); its deployment config counts only when used. */
public final class ExecutorRules {
    private ExecutorRules() {
    }

    public static List<Violation> check(SpinAppExecutorSpec spec) {
        List<Violation> v = new ArrayList<>();
        Checks.brokenRules(CelRules.EXECUTOR, spec, "", v);
        if (spec.createDeployment() && spec.deploymentConfig != null) {
            ExecutorDeploymentConfig config = spec.deploymentConfig;
            Checks.brokenRules(CelRules.DEPLOYMENT_CONFIG, config, "spec.deploymentConfig", v);
            Checks.brokenRulesPerEntry(CelRules.ENV, config.env(), "spec.deploymentConfig.env", v);
        }
        return v;
    }
}
