package dev.spinkube.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

/** HTTPHealthProbe defines a HealthProbe that should use HTTP to call the application. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpHealthProbe {
    @Required
    @JsonPropertyDescription("Path is the path that should be used when calling the application for a\n"
            + "health check, e.g /healthz.")
    public String path;

    @JsonPropertyDescription("HTTPHeaders are headers that should be included in the health check request.")
    public List<HttpHealthProbeHeader> httpHeaders;

    // ---- null-safe reads (see package-info) ----

    public List<HttpHealthProbeHeader> httpHeaders() {
        return httpHeaders == null ? List.of() : httpHeaders;
    }
}
