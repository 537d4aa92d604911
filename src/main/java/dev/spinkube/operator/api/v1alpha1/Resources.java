package dev.spinkube.operator.api.v1alpha1;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Quantity;

/** Resources defines the resource requirements for this app. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Resources {
    @JsonPropertyDescription("Limits describes the maximum amount of compute resources allowed.")
    public Map<String, Quantity> limits;

    @JsonPropertyDescription("Requests describes the minimum amount of compute resources required.\n"
            + "If Requests is omitted for a container, it defaults to Limits if that is explicitly specified,\n"
            + "otherwise to an implementation-defined value. Requests cannot exceed Limits.")
    public Map<String, Quantity> requests;
}
