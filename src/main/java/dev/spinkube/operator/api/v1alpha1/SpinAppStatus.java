package dev.spinkube.operator.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import io.sundr.builder.annotations.Buildable;

/** SpinAppStatus defines the observed state of SpinApp */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class SpinAppStatus {
    /** Condition types: Available and Progressing are copied from the Deployment, Ready is the operator's verdict. */
    public static final String READY = "Ready";
    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    /** Condition statuses, as Kubernetes spells them. */
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonPropertyDescription("Represents the observations of a SpinApps's current state.\n"
            + "SpinApp.status.conditions.type are: \"Available\", \"Progressing\" and \"Ready\"\n"
            + "SpinApp.status.conditions.status are one of True, False, Unknown.\n"
            + "SpinApp.status.conditions.reason the value should be a CamelCase string and producers of specific\n"
            + "condition types may define expected values and meanings for this field, and whether the values\n"
            + "are considered a guaranteed API.\n"
            + "SpinApp.status.conditions.Message is a human readable message indicating details about the transition.\n"
            + "For further information see: "
            + "https://github.com/kubernetes/community/blob/master/contributors/devel/sig-architecture/api-conventions.md#typical-status-properties")
    List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("ActiveScheduler is the name of the scheduler that is currently scheduling this SpinApp.")
    String activeScheduler;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyDescription("Represents the current number of active replicas on the application deployment.")
    int readyReplicas;

    @StatusReplicas
    @JsonPropertyDescription("Represents the current number of replicas of the application deployment (used by the "
            + "scale subresource).")
    Integer replicas;

    @LabelSelector
    @JsonPropertyDescription("Selector of the app's pods in label-selector string form (used by the scale "
            + "subresource).")
    String selector;

    @JsonPropertyDescription("ObservedGeneration is the most recent generation of the spec the operator has acted on.")
    Long observedGeneration;

    @JsonPropertyDescription("DeploymentName is the name of the Deployment that runs the app, when the executor "
            + "creates one.")
    String deploymentName;

    @JsonPropertyDescription("ServiceName is the name of the Service that routes to the app.")
    String serviceName;

    /** The condition of this type, if one was written. */
    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The Ready condition, if one was written. */
    public Optional<Condition> ready() {
        return condition(READY);
    }

    /**
     * Equal when both would be written as the same JSON. The reconciler writes the status only when it is not equal
     * to the current one, so equality must see every field: a hand-written list of fields could miss one added later,
     * which would then never be written.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpinAppStatus s && json().equals(s.json());
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    private JsonNode json() {
        return JSON.valueToTree(this);
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public String activeScheduler() {
        return activeScheduler;
    }

    public int readyReplicas() {
        return readyReplicas;
    }

    public Integer replicas() {
        return replicas;
    }

    public String selector() {
        return selector;
    }

    public Long observedGeneration() {
        return observedGeneration;
    }

    public String deploymentName() {
        return deploymentName;
    }

    public String serviceName() {
        return serviceName;
    }

    // ---- writes (see package-info) ----

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public void setActiveScheduler(String activeScheduler) {
        this.activeScheduler = activeScheduler;
    }

    public void setReadyReplicas(int readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public void setDeploymentName(String deploymentName) {
        this.deploymentName = deploymentName;
    }

    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    // ---- what the generated builders copy: the fields as they are ----

    List<Condition> getConditions() {
        return conditions;
    }

    String getActiveScheduler() {
        return activeScheduler;
    }

    int getReadyReplicas() {
        return readyReplicas;
    }

    Integer getReplicas() {
        return replicas;
    }

    String getSelector() {
        return selector;
    }

    Long getObservedGeneration() {
        return observedGeneration;
    }

    String getDeploymentName() {
        return deploymentName;
    }

    String getServiceName() {
        return serviceName;
    }
}
