package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** SpinAppExecutorSpec defines the desired state of SpinAppExecutor */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpinAppExecutorSpec {
    @Required
    @JsonPropertyDescription("CreateDeployment specifies whether the Deployment for SpinApps should be\ncreated or not. If set to false, the SpinApp will not be deployed and\nshould be deployed by an external system.")
    public Boolean createDeployment;

    @JsonPropertyDescription("DeploymentConfig specifies how the deployment should be configured when\ncreateDeployment is true.")
    public ExecutorDeploymentConfig deploymentConfig;
}
