package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;

/** HealthProbe defines an individual health check for an application. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthProbe {
    @JsonPropertyDescription("HTTPGet describes a health check that should be performed using a GET request.")
    public HttpHealthProbe httpGet;

    @Default("10")
    @JsonPropertyDescription("Number of seconds after the app has started before liveness probes are initiated.\n"
            + "Default 10s.")
    public Integer initialDelaySeconds;

    @Default("1")
    @JsonPropertyDescription("Number of seconds after which the probe times out.\n"
            + "Defaults to 1 second. Minimum value is 1.")
    public Integer timeoutSeconds;

    @Default("10")
    @JsonPropertyDescription("How often (in seconds) to perform the probe.\nDefault to 10 seconds. Minimum value is 1.")
    public Integer periodSeconds;

    @Default("1")
    @JsonPropertyDescription("Minimum consecutive successes for the probe to be considered successful after having "
            + "failed.\n"
            + "Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.")
    public Integer successThreshold;

    @Default("3")
    @JsonPropertyDescription("Minimum consecutive failures for the probe to be considered failed after having "
            + "succeeded.\n"
            + "Defaults to 3. Minimum value is 1.")
    public Integer failureThreshold;
}
