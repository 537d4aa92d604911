package dev.spinkube.operator.api.v1alpha1;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.sundr.builder.annotations.Buildable;

@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class RuntimeConfigOption {
    @Required
    @JsonPropertyDescription("Name of the config option.")
    String name;

    @JsonPropertyDescription("Value is the static value to bind to the variable.")
    String value;

    @JsonPropertyDescription("ValueFrom is a reference to dynamically bind the variable to.")
    RuntimeConfigVarSource valueFrom;

    // ---- reads, with their defaults (see package-info) ----

    public Optional<String> value() {
        return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    }

    public String name() {
        return name;
    }

    public RuntimeConfigVarSource valueFrom() {
        return valueFrom;
    }

    // ---- writes (see package-info) ----

    public void setName(String name) {
        this.name = name;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public void setValueFrom(RuntimeConfigVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getName() {
        return name;
    }

    String getValue() {
        return value;
    }

    RuntimeConfigVarSource getValueFrom() {
        return valueFrom;
    }
}
