package dev.spinkube.operator.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Quantity;
import io.sundr.builder.annotations.Buildable;

/** Resources defines the resource requirements for this app. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class Resources {
    @JsonPropertyDescription("Limits describes the maximum amount of compute resources allowed.")
    Map<String, Quantity> limits;

    @JsonPropertyDescription("Requests describes the minimum amount of compute resources required.\n"
            + "If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,\n"
            + "otherwise to an implementation-defined value. Requests cannot exceed Limits.")
    Map<String, Quantity> requests;

    public Map<String, Quantity> limits() {
        return limits;
    }

    public Map<String, Quantity> requests() {
        return requests;
    }

    // ---- writes (see package-info) ----

    public void setLimits(Map<String, Quantity> limits) {
        this.limits = limits;
    }

    public void setRequests(Map<String, Quantity> requests) {
        this.requests = requests;
    }

    // ---- what the generated builders copy: the fields as they are ----

    Map<String, Quantity> getLimits() {
        return limits;
    }

    Map<String, Quantity> getRequests() {
        return requests;
    }
}
