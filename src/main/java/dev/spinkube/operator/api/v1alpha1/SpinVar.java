package dev.spinkube.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.sundr.builder.annotations.Buildable;

/** SpinVar defines a binding between a spin variable and a static or dynamic value. */
@ApiObject
@Buildable(builderPackage = ApiObject.BUILDER_PACKAGE, editableEnabled = false)
public class SpinVar {
    @Required
    @JsonPropertyDescription("Name of the variable to bind.")
    String name;

    @JsonPropertyDescription("Value is the static value to bind to the variable.")
    String value;

    @JsonPropertyDescription("ValueFrom is a reference to dynamically bind the variable to.")
    EnvVarSource valueFrom;

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public EnvVarSource valueFrom() {
        return valueFrom;
    }

    // ---- writes (see package-info) ----

    public void setName(String name) {
        this.name = name;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public void setValueFrom(EnvVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }

    // ---- what the generated builders copy: the fields as they are ----

    String getName() {
        return name;
    }

    String getValue() {
        return value;
    }

    EnvVarSource getValueFrom() {
        return valueFrom;
    }
}
