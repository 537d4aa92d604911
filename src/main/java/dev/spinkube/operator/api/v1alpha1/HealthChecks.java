package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** HealthChecks defines configuration for readiness and liveness probes for the application. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthChecks {
    @JsonPropertyDescription("Readiness defines the readiness probe for the application.")
    public HealthProbe readiness;

    @JsonPropertyDescription("Liveness defines the liveness probe for the application.")
    public HealthProbe liveness;
}
