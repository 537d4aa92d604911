package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/** SpinVar defines a binding between a spin variable and a static or dynamic value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpinVar {
    @Required
    @JsonPropertyDescription("Name of the variable to bind.")
    public String name;

    @JsonPropertyDescription("Value is the static value to bind to the variable.")
    public String value;

    @JsonPropertyDescription("ValueFrom is a reference to dynamically bind the variable to.")
    public EnvVarSource valueFrom;
}
