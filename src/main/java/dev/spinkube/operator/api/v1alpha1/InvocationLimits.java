package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class InvocationLimits {
    @JsonPropertyDescription("Memory is the maximum amount of memory each invocation of the app may use, as a Kubernetes quantity (e.g. 128Mi).")
    public String memory;
}
