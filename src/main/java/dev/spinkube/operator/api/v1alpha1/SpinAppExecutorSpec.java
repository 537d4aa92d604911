package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;

/** SpinAppExecutorSpec defines the desired state of SpinAppExecutor */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
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
    Boolean createDeployment;

    @JsonPropertyDescription("DeploymentConfig specifies how the deployment should be configured when\n"
            + "createDeployment is true.")
    ExecutorDeploymentConfig deploymentConfig;

    // ---- reads, with their defaults (see package-info) ----

    public boolean createDeployment() {
        return Boolean.TRUE.equals(createDeployment);
    }

    /** Whether deploymentConfig is set at all (a rule tells "unset" from "empty"). */
    public boolean hasDeploymentConfig() {
        return deploymentConfig != null;
    }

    /** The deployment config, empty when unset (an executor that creates no deployments needs none). */
    public ExecutorDeploymentConfig deploymentConfig() {
        return deploymentConfig == null ? new ExecutorDeploymentConfig() : deploymentConfig;
    }

    // ---- writes (see package-info) ----

    public void setCreateDeployment(Boolean createDeployment) {
        this.createDeployment = createDeployment;
    }

    public void setDeploymentConfig(ExecutorDeploymentConfig deploymentConfig) {
        this.deploymentConfig = deploymentConfig;
    }

    // ---- what the generated builders copy: the fields as they are ----

    Boolean getCreateDeployment() {
        return createDeployment;
    }

    ExecutorDeploymentConfig getDeploymentConfig() {
        return deploymentConfig;
    }
}
