package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.sundr.builder.annotations.Buildable;

/** HealthProbe defines an individual health check for an application. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class HealthProbe {
    /** The schema's defaults, which the API server fills in; the accessors apply them where it did not (render). */
    static final int INITIAL_DELAY_SECONDS = 10;
    static final int TIMEOUT_SECONDS = 1;
    static final int PERIOD_SECONDS = 10;
    static final int SUCCESS_THRESHOLD = 1;
    static final int FAILURE_THRESHOLD = 3;

    @JsonPropertyDescription("HTTPGet describes a health check that should be performed using a GET request.")
    HttpHealthProbe httpGet;

    @Default("" + INITIAL_DELAY_SECONDS)
    @JsonPropertyDescription("Number of seconds after the app has started before liveness probes are initiated.\n"
            + "Default 10s.")
    Integer initialDelaySeconds;

    @Default("" + TIMEOUT_SECONDS)
    @JsonPropertyDescription("Number of seconds after which the probe times out.\n"
            + "Defaults to 1 second. Minimum value is 1.")
    Integer timeoutSeconds;

    @Default("" + PERIOD_SECONDS)
    @JsonPropertyDescription("How often (in seconds) to perform the probe.\nDefault to 10 seconds. Minimum value is 1.")
    Integer periodSeconds;

    @Default("" + SUCCESS_THRESHOLD)
    @JsonPropertyDescription("Minimum consecutive successes for the probe to be considered successful after having "
            + "failed.\n"
            + "Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.")
    Integer successThreshold;

    @Default("" + FAILURE_THRESHOLD)
    @JsonPropertyDescription("Minimum consecutive failures for the probe to be considered failed after having "
            + "succeeded.\n"
            + "Defaults to 3. Minimum value is 1.")
    Integer failureThreshold;

    public HttpHealthProbe httpGet() {
        return httpGet;
    }

    public int initialDelaySeconds() {
        return initialDelaySeconds == null ? INITIAL_DELAY_SECONDS : initialDelaySeconds;
    }

    public int timeoutSeconds() {
        return timeoutSeconds == null ? TIMEOUT_SECONDS : timeoutSeconds;
    }

    public int periodSeconds() {
        return periodSeconds == null ? PERIOD_SECONDS : periodSeconds;
    }

    public int successThreshold() {
        return successThreshold == null ? SUCCESS_THRESHOLD : successThreshold;
    }

    public int failureThreshold() {
        return failureThreshold == null ? FAILURE_THRESHOLD : failureThreshold;
    }

    // ---- writes (see package-info) ----

    public void setHttpGet(HttpHealthProbe httpGet) {
        this.httpGet = httpGet;
    }

    public void setInitialDelaySeconds(Integer initialDelaySeconds) {
        this.initialDelaySeconds = initialDelaySeconds;
    }

    public void setTimeoutSeconds(Integer timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    public void setPeriodSeconds(Integer periodSeconds) {
        this.periodSeconds = periodSeconds;
    }

    public void setSuccessThreshold(Integer successThreshold) {
        this.successThreshold = successThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    // ---- what the generated builders copy: the fields as they are ----

    HttpHealthProbe getHttpGet() {
        return httpGet;
    }

    Integer getInitialDelaySeconds() {
        return initialDelaySeconds;
    }

    Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    Integer getPeriodSeconds() {
        return periodSeconds;
    }

    Integer getSuccessThreshold() {
        return successThreshold;
    }

    Integer getFailureThreshold() {
        return failureThreshold;
    }
}
