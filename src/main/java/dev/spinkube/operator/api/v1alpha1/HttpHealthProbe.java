package dev.spinkube.operator.api.v1alpha1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;

/** HTTPHealthProbe defines a HealthProbe that should use HTTP to call the application. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class HttpHealthProbe {
    @Required
    @JsonPropertyDescription("Path is the path that should be used when calling the application for a\n"
            + "health check, e.g /healthz.")
    String path;

    @JsonPropertyDescription("HTTPHeaders are headers that should be included in the health check request.")
    List<HttpHealthProbeHeader> httpHeaders;

    // ---- reads, with their defaults (see package-info) ----

    public List<HttpHealthProbeHeader> httpHeaders() {
        return httpHeaders == null ? List.of() : httpHeaders;
    }

    public String path() {
        return path;
    }

    // ---- writes (see package-info) ----

    public void setPath(String path) {
        this.path = path;
    }

    public void setHttpHeaders(List<HttpHealthProbeHeader> httpHeaders) {
        this.httpHeaders = httpHeaders;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getPath() {
        return path;
    }

    List<HttpHealthProbeHeader> getHttpHeaders() {
        return httpHeaders;
    }
}
