package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Required;

/** HTTPHealthProbeHeader is an abstraction around a http header key/value pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpHealthProbeHeader {
    @Required
    public String name;
    @Required
    public String value;
}
