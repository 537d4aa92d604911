package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** SpinAppExecutorSpec defines the desired state of SpinAppExecutor */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ObjectRules.DEPLOYMENT_CONFIG_REQUIRED, message = RuleMessages.DEPLOYMENT_CONFIG_REQUIRED,
        fieldPath = ".deploymentConfig")
@ValidationRule(value = ObjectRules.RUNTIME_CLASS_XOR_SPIN_IMAGE, message = RuleMessages.RUNTIME_CLASS_XOR_SPIN_IMAGE,
        fieldPath = ".deploymentConfig")
@ValidationRule(value = ObjectRules.RUNTIME_CLASS_OR_SPIN_IMAGE, message = RuleMessages.RUNTIME_CLASS_OR_SPIN_IMAGE,
        fieldPath = ".deploymentConfig")
public class SpinAppExecutorSpec {
    @Required
    @JsonPropertyDescription("CreateDeployment specifies whether the Deployment for SpinApps should be\n"
            + "created or not. If set to false, the SpinApp will not be deployed and\n"
            + "should be deployed by an external system.")
    public Boolean createDeployment;

    @JsonPropertyDescription("DeploymentConfig specifies how the deployment should be configured when\n"
            + "createDeployment is true.")
    public ExecutorDeploymentConfig deploymentConfig;

    // ---- null-safe reads (see package-info) ----

    public boolean createDeployment() {
        return Boolean.TRUE.equals(createDeployment);
    }

    /** The deployment config, empty when unset (an executor that creates no deployments needs none). */
    public ExecutorDeploymentConfig deploymentConfig() {
        return deploymentConfig == null ? new ExecutorDeploymentConfig() : deploymentConfig;
    }
}
