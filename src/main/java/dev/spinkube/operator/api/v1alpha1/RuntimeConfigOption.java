package dev.spinkube.operator.api.v1alpha1;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeConfigOption {
    @Required
    @JsonPropertyDescription("Name of the config option.")
    public String name;

    @JsonPropertyDescription("Value is the static value to bind to the variable.")
    public String value;

    @JsonPropertyDescription("ValueFrom is a reference to dynamically bind the variable to.")
    public RuntimeConfigVarSource valueFrom;

    // ---- null-safe reads (see package-info) ----

    public Optional<String> value() {
        return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    }
}
