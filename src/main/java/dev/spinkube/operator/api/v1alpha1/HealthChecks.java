package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.sundr.builder.annotations.Buildable;

/** HealthChecks defines configuration for readiness and liveness probes for the application. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class HealthChecks {
    @JsonPropertyDescription("Readiness defines the readiness probe for the application.")
    HealthProbe readiness;

    @JsonPropertyDescription("Liveness defines the liveness probe for the application.")
    HealthProbe liveness;

    public HealthProbe readiness() {
        return readiness;
    }

    public HealthProbe liveness() {
        return liveness;
    }

    // ---- writes (see package-info) ----

    public void setReadiness(HealthProbe readiness) {
        this.readiness = readiness;
    }

    public void setLiveness(HealthProbe liveness) {
        this.liveness = liveness;
    }

    // ---- what the generated builders copy: the fields as they are ----

    HealthProbe getReadiness() {
        return readiness;
    }

    HealthProbe getLiveness() {
        return liveness;
    }
}
