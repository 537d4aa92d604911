package dev.spinkube.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;


import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import io.sundr.builder.annotations.Buildable;

/** SpinAppSpec defines the desired state of SpinApp */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
@ValidationRule(value = ObjectRules.REPLICAS_WITH_AUTOSCALING, message = RuleMessages.REPLICAS_WITH_AUTOSCALING,
        fieldPath = ".replicas")
@ValidationRule(value = ObjectRules.REPLICAS_POSITIVE, message = RuleMessages.REPLICAS_POSITIVE, fieldPath = ".replicas")
@ValidationRule(value = ObjectRules.INVOCATION_MEMORY_ABOVE_LIMIT, message = RuleMessages.INVOCATION_MEMORY_ABOVE_LIMIT,
        fieldPath = ".invocationLimits.memory")
@ValidationRule(value = ObjectRules.INVOCATION_MEMORY_ABOVE_REQUEST, message = RuleMessages.INVOCATION_MEMORY_ABOVE_REQUEST,
        fieldPath = ".invocationLimits.memory")
@ValidationRule(value = ObjectRules.IMAGE_REQUIRED, message = RuleMessages.IMAGE_REQUIRED, fieldPath = ".image")
@ValidationRule(value = ObjectRules.INIT_NAME_REQUIRED, message = RuleMessages.INIT_NAME_REQUIRED,
        fieldPath = ".initContainers")
@ValidationRule(value = ObjectRules.INIT_IMAGE_NOT_APP, message = RuleMessages.INIT_IMAGE_NOT_APP,
        fieldPath = ".initContainers")
@ValidationRule(value = ObjectRules.INIT_RESTART_POLICY, message = RuleMessages.INIT_RESTART_POLICY,
        fieldPath = ".initContainers")
@ValidationRule(value = ObjectRules.INIT_CLASSIC_NO_PROBES, message = RuleMessages.INIT_CLASSIC_NO_PROBES,
        fieldPath = ".initContainers")
public class SpinAppSpec {
    /** Bounds that keep the CEL rules within the API server's cost budget (MAX_ENV also for executors' env). */
    public static final int MAX_INIT_CONTAINERS = 16;
    public static final int MAX_ENV = 128;


    @Required
    @JsonPropertyDescription("Executor controls how this app is executed in the cluster.\n"
            + "\n"
            + "Defaults to whatever executor is available on the cluster. If multiple\n"
            + "executors are available then the first executor in alphabetical order\n"
            + "will be chosen. If no executors are available then no default will be set.")
    String executor;

    @Required
    @JsonPropertyDescription("Image is the source for this app.")
    String image;

    @JsonPropertyDescription("ImagePullSecrets is a list of references to secrets in the same namespace to use for "
            + "pulling the image.")
    List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("Checks defines health checks that should be used by Kubernetes to monitor the "
            + "application.")
    HealthChecks checks;

    // no schema default (as upstream): a default of 1 would collide with enableAutoscaling; absent means 1
    @SpecReplicas
    @JsonPropertyDescription("Number of replicas to run.")
    Integer replicas;

    @JsonPropertyDescription("EnableAutoscaling indicates whether the app is allowed to autoscale. If\n"
            + "true then the operator leaves the replica count of the underlying\n"
            + "deployment to be managed by an external autoscaler (HPA/KEDA). Replicas\n"
            + "cannot be defined if this is enabled. By default EnableAutoscaling is false.")
    @Default("false")
    Boolean enableAutoscaling;

    @JsonPropertyDescription("RuntimeConfig defines configuration to be applied at runtime for this app.")
    RuntimeConfig runtimeConfig;

    @JsonPropertyDescription("Volumes defines the volumes to be mounted in the underlying pods.")
    List<Volume> volumes;

    @JsonPropertyDescription("VolumeMounts defines how volumes are mounted in the underlying containers.")
    List<VolumeMount> volumeMounts;

    @JsonPropertyDescription("Variables provide Kubernetes Bindings to Spin App Variables.")
    List<SpinVar> variables;

    @JsonPropertyDescription("ServiceAnnotations defines annotations to be applied to the underlying service.")
    Map<String, String> serviceAnnotations;

    @JsonPropertyDescription("DeploymentAnnotations defines annotations to be applied to the underlying deployment.")
    Map<String, String> deploymentAnnotations;

    @JsonPropertyDescription("PodAnnotations defines annotations to be applied to the underlying pods.")
    Map<String, String> podAnnotations;

    @JsonPropertyDescription("PodLabels defines labels to be applied to the underlying pods.")
    Map<String, String> podLabels;

    @JsonPropertyDescription("Resources defines the resource requirements for this app.")
    Resources resources;

    @JsonPropertyDescription("Components of the app to execute.\n"
            + "\n"
            + "If this is not provided all components are executed.")
    List<String> components;

    @JsonPropertyDescription("ServiceAccountName is the name of the Kubernetes service account to use for the pod.\n"
            + "If not specified, the default service account will be used.")
    String serviceAccountName;

    @JsonPropertyDescription("InvocationLimits specifies restrictions on each invocation of the app.")
    InvocationLimits invocationLimits;

    // ---- beyond upstream ----

    @JsonPropertyDescription("InitContainers run in the pod of the app. An entry with restartPolicy Always is a native "
            + "sidecar: it starts before the Spin app and runs for the pod's whole life (its startupProbe gates what "
            + "follows, its readiness counts for the pod). An entry without restartPolicy is a classic init container "
            + "that runs to completion, in order, before the app starts. Each entry gets the app's environment and "
            + "volumeMounts appended after its own; a sidecar without resources or probes gets the app's.")
    @Size(max = MAX_INIT_CONTAINERS)
    List<Container> initContainers;

    @JsonPropertyDescription("Env sets runtime options of the Spin container as environment variables (for example "
            + "RUST_LOG, OTEL_EXPORTER_OTLP_ENDPOINT, AWS_ACCESS_KEY_ID, SPIN_HTTP_LISTEN_ADDR). Entries win over the "
            + "executor's env of the same name. Names the operator sets itself are refused: use variables instead of "
            + "SPIN_VARIABLE_*, components instead of SPIN_COMPONENTS_TO_RETAIN, invocationLimits instead of "
            + "SPIN_MAX_INSTANCE_MEMORY.")
    @Size(max = MAX_ENV)
    @ValidationRule(value = ObjectRules.ENV_NAME_REQUIRED, message = RuleMessages.ENV_NAME_REQUIRED)
    @ValidationRule(value = ObjectRules.ENV_SPIN_VARIABLE, message = RuleMessages.ENV_SPIN_VARIABLE)
    @ValidationRule(value = ObjectRules.ENV_COMPONENTS, message = RuleMessages.ENV_COMPONENTS)
    @ValidationRule(value = ObjectRules.ENV_MAX_MEMORY, message = RuleMessages.ENV_MAX_MEMORY)
    @ValidationRule(value = ObjectRules.ENV_RUNTIME_CONFIG_FILE, message = RuleMessages.ENV_RUNTIME_CONFIG_FILE)
    List<EnvVar> env;

    @JsonPropertyDescription("NodeSelector constrains the app's pods to nodes with these labels; merged key by key "
            + "over the executor's nodeSelector.")
    Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the app's pods, added to the executor's tolerations.")
    List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity of the app's pods; replaces the executor's affinity when set.")
    Affinity affinity;

    @io.fabric8.generator.annotation.Pattern(ObjectRules.IMAGE_PULL_POLICY)
    @JsonPropertyDescription("ImagePullPolicy of the Spin container: Always, IfNotPresent or Never.")
    String imagePullPolicy;

    // ---- reads, with their defaults (see package-info) ----

    /** The executor's name; empty when unset or empty, which the mutating webhook would have defaulted. */
    public Optional<String> executor() {
        return Optional.ofNullable(executor).filter(s -> !s.isEmpty());
    }

    public List<EnvVar> env() {
        return env == null ? List.of() : env;
    }

    public List<Container> initContainers() {
        return initContainers == null ? List.of() : initContainers;
    }

    public List<SpinVar> variables() {
        return variables == null ? List.of() : variables;
    }

    public List<Volume> volumes() {
        return volumes == null ? List.of() : volumes;
    }

    public List<VolumeMount> volumeMounts() {
        return volumeMounts == null ? List.of() : volumeMounts;
    }

    public List<String> components() {
        return components == null ? List.of() : components;
    }

    public List<Toleration> tolerations() {
        return tolerations == null ? List.of() : tolerations;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector == null ? Map.of() : nodeSelector;
    }

    public Map<String, String> podLabels() {
        return podLabels == null ? Map.of() : podLabels;
    }

    public Map<String, String> podAnnotations() {
        return podAnnotations == null ? Map.of() : podAnnotations;
    }

    public Map<String, String> deploymentAnnotations() {
        return deploymentAnnotations == null ? Map.of() : deploymentAnnotations;
    }

    public Map<String, String> serviceAnnotations() {
        return serviceAnnotations == null ? Map.of() : serviceAnnotations;
    }

    public boolean enableAutoscaling() {
        return Boolean.TRUE.equals(enableAutoscaling);
    }

    public InvocationLimits invocationLimits() {
        return invocationLimits == null ? new InvocationLimits() : invocationLimits;
    }

    /** The runtime config, empty when unset (an empty one renders the same runtime-config.toml as none). */
    public RuntimeConfig runtimeConfig() {
        return runtimeConfig == null ? new RuntimeConfig() : runtimeConfig;
    }

    public String image() {
        return image;
    }

    public List<LocalObjectReference> imagePullSecrets() {
        return imagePullSecrets;
    }

    public HealthChecks checks() {
        return checks;
    }

    public Integer replicas() {
        return replicas;
    }

    public Resources resources() {
        return resources;
    }

    public String serviceAccountName() {
        return serviceAccountName;
    }

    public Affinity affinity() {
        return affinity;
    }

    public String imagePullPolicy() {
        return imagePullPolicy;
    }

    // ---- writes (see package-info) ----

    public void setExecutor(String executor) {
        this.executor = executor;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public void setChecks(HealthChecks checks) {
        this.checks = checks;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public void setEnableAutoscaling(Boolean enableAutoscaling) {
        this.enableAutoscaling = enableAutoscaling;
    }

    public void setRuntimeConfig(RuntimeConfig runtimeConfig) {
        this.runtimeConfig = runtimeConfig;
    }

    public void setVolumes(List<Volume> volumes) {
        this.volumes = volumes;
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }

    public void setVariables(List<SpinVar> variables) {
        this.variables = variables;
    }

    public void setServiceAnnotations(Map<String, String> serviceAnnotations) {
        this.serviceAnnotations = serviceAnnotations;
    }

    public void setDeploymentAnnotations(Map<String, String> deploymentAnnotations) {
        this.deploymentAnnotations = deploymentAnnotations;
    }

    public void setPodAnnotations(Map<String, String> podAnnotations) {
        this.podAnnotations = podAnnotations;
    }

    public void setPodLabels(Map<String, String> podLabels) {
        this.podLabels = podLabels;
    }

    public void setResources(Resources resources) {
        this.resources = resources;
    }

    public void setComponents(List<String> components) {
        this.components = components;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }

    public void setInvocationLimits(InvocationLimits invocationLimits) {
        this.invocationLimits = invocationLimits;
    }

    public void setInitContainers(List<Container> initContainers) {
        this.initContainers = initContainers;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getExecutor() {
        return executor;
    }

    String getImage() {
        return image;
    }

    List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    HealthChecks getChecks() {
        return checks;
    }

    Integer getReplicas() {
        return replicas;
    }

    Boolean getEnableAutoscaling() {
        return enableAutoscaling;
    }

    RuntimeConfig getRuntimeConfig() {
        return runtimeConfig;
    }

    List<Volume> getVolumes() {
        return volumes;
    }

    List<VolumeMount> getVolumeMounts() {
        return volumeMounts;
    }

    List<SpinVar> getVariables() {
        return variables;
    }

    Map<String, String> getServiceAnnotations() {
        return serviceAnnotations;
    }

    Map<String, String> getDeploymentAnnotations() {
        return deploymentAnnotations;
    }

    Map<String, String> getPodAnnotations() {
        return podAnnotations;
    }

    Map<String, String> getPodLabels() {
        return podLabels;
    }

    Resources getResources() {
        return resources;
    }

    List<String> getComponents() {
        return components;
    }

    String getServiceAccountName() {
        return serviceAccountName;
    }

    InvocationLimits getInvocationLimits() {
        return invocationLimits;
    }

    List<Container> getInitContainers() {
        return initContainers;
    }

    List<EnvVar> getEnv() {
        return env;
    }

    Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    List<Toleration> getTolerations() {
        return tolerations;
    }

    Affinity getAffinity() {
        return affinity;
    }

    String getImagePullPolicy() {
        return imagePullPolicy;
    }
}
