package dev.spinkube.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import io.sundr.builder.annotations.Buildable;

/** ExecutorDeploymentConfig defines how an executor should be deployed. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class ExecutorDeploymentConfig {
    @JsonPropertyDescription("RuntimeClassName is the runtime class name that should be used by pods created\n"
            + "as part of a deployment. This should only be defined when SpintainerImage is not defined.")
    String runtimeClassName;

    @JsonPropertyDescription("SpinImage points to an image that will run Spin in a container to execute\n"
            + "your SpinApp. This is an alternative to using the shim to execute your\n"
            + "SpinApp. This should only be defined when RuntimeClassName is not\n"
            + "defined. When specified, application images must be available without\n"
            + "authentication.")
    String spinImage;

    @JsonPropertyDescription("CACertSecret specifies the name of the secret containing the CA\n"
            + "certificates to be mounted to the deployment.")
    String caCertSecret;

    @JsonPropertyDescription("InstallDefaultCACerts specifies whether the default CA\n"
            + "certificate bundle should be generated. When set a new secret\n"
            + "will be created containing the certificates. If no secret name is\n"
            + "defined in `CACertSecret` the secret name will be `spin-ca`.")
    Boolean installDefaultCACerts;

    @JsonPropertyDescription("Otel provides Kubernetes Bindings to Otel Variables.")
    OtelConfig otel;

    // ---- beyond upstream ----

    @JsonPropertyDescription("Env sets runtime options (environment variables) of the Spin container for every app of "
            + "this executor, e.g. RUST_LOG or AWS_DEFAULT_REGION. An app's own env wins on the same name.")
    @Size(max = SpinAppSpec.MAX_ENV)
    @ValidationRule(value = ObjectRules.ENV_NAME_REQUIRED, message = RuleMessages.ENV_NAME_REQUIRED)
    @ValidationRule(value = ObjectRules.ENV_SPIN_VARIABLE, message = RuleMessages.ENV_SPIN_VARIABLE)
    @ValidationRule(value = ObjectRules.ENV_COMPONENTS, message = RuleMessages.ENV_COMPONENTS)
    @ValidationRule(value = ObjectRules.ENV_MAX_MEMORY, message = RuleMessages.ENV_MAX_MEMORY)
    @ValidationRule(value = ObjectRules.ENV_RUNTIME_CONFIG_FILE, message = RuleMessages.ENV_RUNTIME_CONFIG_FILE)
    List<EnvVar> env;

    @JsonPropertyDescription("NodeSelector is the default node selector of every app's pods (e.g. nodes that have the "
            + "shim); the app's own entries win key by key.")
    Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations are the default tolerations of every app's pods; the app's own tolerations "
            + "are added to them.")
    List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity is the default affinity of every app's pods; an app's own affinity replaces it.")
    Affinity affinity;

    // ---- reads, with their defaults (see package-info) ----

    public List<EnvVar> env() {
        return env == null ? List.of() : env;
    }

    public List<Toleration> tolerations() {
        return tolerations == null ? List.of() : tolerations;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector == null ? Map.of() : nodeSelector;
    }

    public Optional<String> runtimeClassName() {
        return Optional.ofNullable(runtimeClassName).filter(s -> !s.isEmpty());
    }

    public Optional<String> spinImage() {
        return Optional.ofNullable(spinImage).filter(s -> !s.isEmpty());
    }

    public Optional<String> caCertSecret() {
        return Optional.ofNullable(caCertSecret).filter(s -> !s.isEmpty());
    }

    public boolean installDefaultCACerts() {
        return Boolean.TRUE.equals(installDefaultCACerts);
    }

    public OtelConfig otel() {
        return otel;
    }

    public Affinity affinity() {
        return affinity;
    }

    // ---- writes (see package-info) ----

    public void setRuntimeClassName(String runtimeClassName) {
        this.runtimeClassName = runtimeClassName;
    }

    public void setSpinImage(String spinImage) {
        this.spinImage = spinImage;
    }

    public void setCaCertSecret(String caCertSecret) {
        this.caCertSecret = caCertSecret;
    }

    public void setInstallDefaultCACerts(Boolean installDefaultCACerts) {
        this.installDefaultCACerts = installDefaultCACerts;
    }

    public void setOtel(OtelConfig otel) {
        this.otel = otel;
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

    // ---- what the generated builders copy: the fields as they are ----

    String getRuntimeClassName() {
        return runtimeClassName;
    }

    String getSpinImage() {
        return spinImage;
    }

    String getCaCertSecret() {
        return caCertSecret;
    }

    Boolean getInstallDefaultCACerts() {
        return installDefaultCACerts;
    }

    OtelConfig getOtel() {
        return otel;
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
}
